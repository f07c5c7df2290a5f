package org.ablate.training.graph;

import com.google.inject.AbstractModule;
import org.ablate.core.registry.Components;
import org.ablate.training.config.AdamConfig;
import org.ablate.training.config.AdamWConfig;
import org.ablate.training.config.ConstantSchedule;
import org.ablate.training.config.CosineSchedule;
import org.ablate.training.config.InverseSqrtSchedule;
import org.ablate.training.config.OptimizerConfig;
import org.ablate.training.config.ScheduleConfig;

/**
 * Registers the optimizers ({@code optimizer} slot: adam, adamw) and the learning-rate schedules
 * ({@code schedule} slot: constant, inverse_sqrt, cosine).
 */
public final class OptimizersModule extends AbstractModule {
  @Override
  protected void configure() {
    Components.declare(binder(), OptimizerConfig.SLOT);
    Components.register(
        binder(), OptimizerConfig.SLOT, "adam", AdamConfig.class, (n, none, c) -> Adam.of(c));
    Components.register(
        binder(), OptimizerConfig.SLOT, "adamw", AdamWConfig.class, (n, none, c) -> Adam.of(c));

    Components.declare(binder(), ScheduleConfig.SLOT);
    Components.register(
        binder(), ScheduleConfig.SLOT, "constant", ConstantSchedule.class, (n, none, s) -> s);
    Components.register(
        binder(),
        ScheduleConfig.SLOT,
        "inverse_sqrt",
        InverseSqrtSchedule.class,
        (n, none, s) -> s);
    Components.register(
        binder(), ScheduleConfig.SLOT, "cosine", CosineSchedule.class, (n, none, s) -> s);
  }
}
