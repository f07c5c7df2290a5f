package org.ablate.training.config;

/** A learning-rate schedule: the factor applied to the optimizer's peak lr at each step. */
public sealed interface ScheduleConfig
    permits ConstantSchedule, InverseSqrtSchedule, CosineSchedule {
  /** The learning-rate multiplier at 1-based {@code step} of {@code totalSteps}. */
  double factor(long step, long totalSteps);
}
