package org.ablate.training.config;

import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;

/** Linear warmup, then half a cosine from the peak down to min_ratio * peak at the last step. */
@Doc("Linear warmup, then cosine decay to min_ratio of the peak at training.steps.")
public record CosineSchedule(
    @Doc("warmup steps") @Default("0") @Range(min = 0) int warmup,
    @Doc("final learning rate as a fraction of the peak") @Default("0.0") @Range(min = 0, max = 1)
        double minRatio)
    implements ScheduleConfig {
  @Override
  public double factor(long step, long totalSteps) {
    if (warmup > 0 && step < warmup) {
      return (double) step / warmup;
    }
    double progress =
        totalSteps <= warmup ? 1 : Math.min(1.0, (double) (step - warmup) / (totalSteps - warmup));
    return minRatio + (1 - minRatio) * 0.5 * (1 + Math.cos(Math.PI * progress));
  }
}
