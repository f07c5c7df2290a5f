package org.ablate.training.config;

import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;

/** Linear warmup to the peak, then constant. */
@Doc("Linear warmup over `warmup` steps, then the peak learning rate.")
public record ConstantSchedule(@Doc("warmup steps") @Default("0") @Range(min = 0) int warmup)
    implements ScheduleConfig {
  @Override
  public double factor(long step, long totalSteps) {
    return warmup == 0 ? 1 : Math.min(1.0, (double) step / warmup);
  }
}
