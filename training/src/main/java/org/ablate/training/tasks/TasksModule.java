package org.ablate.training.tasks;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.ablate.core.registry.Components;
import org.ablate.training.config.FashionMnistData;
import org.ablate.training.config.LanguageIdData;
import org.ablate.training.config.LanguageModelData;
import org.ablate.training.config.SyntheticData;
import org.ablate.training.config.TranslationData;

/** Binds every task ({@code data} slot) by its {@code data.type} name. */
public final class TasksModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder<String, TaskFactory> tasks =
        Components.slot(binder(), "data", TaskFactory.class, "task and dataset (data.type)");
    tasks
        .addBinding("synthetic")
        .toInstance(
            (c, ctx) ->
                new Seq2SeqTask(
                    new SyntheticSource(
                        (SyntheticData) c,
                        ctx.seed(),
                        ctx.training().batchUnit(),
                        ctx.training().batchSize()),
                    ctx.eval()));
    tasks
        .addBinding("translation")
        .toInstance(
            (c, ctx) -> new Seq2SeqTask(new CorpusSource((TranslationData) c, ctx), ctx.eval()));
    tasks
        .addBinding("fashion_mnist")
        .toInstance(
            (c, ctx) ->
                new ClassificationTask(
                    new FashionMnistSource((FashionMnistData) c),
                    ctx.training(),
                    ctx.eval(),
                    ctx.seed()));
    tasks
        .addBinding("language_id")
        .toInstance(
            (c, ctx) ->
                new ClassificationTask(
                    new LanguageIdSource((LanguageIdData) c, ctx),
                    ctx.training(),
                    ctx.eval(),
                    ctx.seed()));
    tasks
        .addBinding("language_model")
        .toInstance((c, ctx) -> new LanguageModelTask((LanguageModelData) c, ctx));
  }
}
