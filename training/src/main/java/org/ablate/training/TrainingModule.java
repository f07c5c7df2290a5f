package org.ablate.training;

import com.google.inject.AbstractModule;
import org.ablate.models.ModelsModule;
import org.ablate.training.data.TokenizersModule;
import org.ablate.training.graph.OptimizersModule;
import org.ablate.training.tasks.TasksModule;

/**
 * Every built-in slot and component: the layers and models, the tasks ({@code data}), the
 * tokenizers, the optimizers and the learning-rate schedules.
 */
public final class TrainingModule extends AbstractModule {
  @Override
  protected void configure() {
    install(new ModelsModule());
    install(new TasksModule());
    install(new TokenizersModule());
    install(new OptimizersModule());
  }
}
