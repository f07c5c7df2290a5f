package org.ablate.training.config;

import org.ablate.core.registry.SlotDef;

/**
 * A learning-rate schedule: the factor applied to the optimizer's peak lr at each step. The config
 * record is the schedule itself, so a plugin's schedule registers its record with the identity
 * factory {@code (name, none, schedule) -> schedule}.
 */
public interface ScheduleConfig {
  /** The {@code schedule} slot. */
  SlotDef<ScheduleConfig, Void, ScheduleConfig> SLOT =
      SlotDef.of("schedule", ScheduleConfig.class, "learning-rate schedule (training.schedule)");

  /** The learning-rate multiplier at 1-based {@code step} of {@code totalSteps}. */
  double factor(long step, long totalSteps);
}
