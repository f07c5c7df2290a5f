package org.ablate.training.config;

/**
 * What a learning-rate schedule's progress follows. {@link #STEPS}: the optimizer step, so the
 * decay ends at {@code training.steps}. {@link #BUDGET}: the further along of the step count and
 * the wall-clock budget {@code max_minutes}, so the decay ends within the budget on a slow or
 * loaded machine too (at the price of runs that are not step-for-step reproducible).
 */
public enum ScheduleClock {
  STEPS,
  BUDGET;

  /**
   * The step at which to read the schedule: {@code step} itself, or under {@link #BUDGET} the
   * elapsed fraction of the budget scaled to {@code totalSteps} when that is further along.
   */
  public long scheduleStep(long step, long totalSteps, double seconds, Double maxMinutes) {
    if (this == STEPS || maxMinutes == null || maxMinutes <= 0) {
      return step;
    }
    double fraction = Math.min(1.0, seconds / (maxMinutes * 60));
    return Math.max(step, (long) Math.ceil(fraction * totalSteps));
  }
}
