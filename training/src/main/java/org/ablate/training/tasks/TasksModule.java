package org.ablate.training.tasks;

import com.google.inject.AbstractModule;
import org.ablate.core.registry.Components;
import org.ablate.training.config.DataConfig;
import org.ablate.training.config.FashionMnistData;
import org.ablate.training.config.LanguageIdData;
import org.ablate.training.config.LanguageModelData;
import org.ablate.training.config.SyntheticData;
import org.ablate.training.config.TranslationData;

/** Registers every task ({@code data} slot) by its {@code data.type} name. */
public final class TasksModule extends AbstractModule {
  @Override
  protected void configure() {
    Components.declare(binder(), DataConfig.SLOT);
    Components.register(
        binder(),
        DataConfig.SLOT,
        "synthetic",
        SyntheticData.class,
        (name, ctx, c) ->
            new Seq2SeqTask(
                new SyntheticSource(
                    c, ctx.seed(), ctx.batching().unit(), ctx.batching().batchSize()),
                ctx.eval()));
    Components.register(
        binder(),
        DataConfig.SLOT,
        "translation",
        TranslationData.class,
        (name, ctx, c) -> new Seq2SeqTask(new CorpusSource(c, ctx), ctx.eval()));
    Components.register(
        binder(),
        DataConfig.SLOT,
        "fashion_mnist",
        FashionMnistData.class,
        (name, ctx, c) ->
            new ClassificationTask(
                new FashionMnistSource(c), ctx.batching(), ctx.eval(), ctx.seed()));
    Components.register(
        binder(),
        DataConfig.SLOT,
        "language_id",
        LanguageIdData.class,
        (name, ctx, c) ->
            new ClassificationTask(
                new LanguageIdSource(c, ctx), ctx.batching(), ctx.eval(), ctx.seed()));
    Components.register(
        binder(),
        DataConfig.SLOT,
        "language_model",
        LanguageModelData.class,
        (name, ctx, c) -> new LanguageModelTask(c, ctx));
  }
}
