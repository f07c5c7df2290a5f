package org.ablate.training.config;

import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;

/**
 * The Transformer paper's schedule (Vaswani et al. 2017, eq. 3) written with its peak: lr_t = lr *
 * min(t / warmup, sqrt(warmup / t)). The paper's d_model^-0.5 * min(t^-0.5, t warmup^-1.5) is this
 * with lr = (d_model * warmup)^-0.5.
 */
@Doc("Linear warmup then decay proportional to 1/sqrt(step) (the Transformer paper's schedule).")
public record InverseSqrtSchedule(@Doc("warmup steps") @Default("4000") @Range(min = 1) int warmup)
    implements ScheduleConfig {
  @Override
  public double factor(long step, long totalSteps) {
    double t = Math.max(1, step);
    return Math.min(t / warmup, Math.sqrt(warmup / t));
  }
}
