package org.ablate.experiments.report;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Summary statistics over seeds; the paired bootstrap test over examples is {@link
 * PairedBootstrap}.
 */
public final class Stats {
  private Stats() {}

  /**
   * Mean, sample standard deviation, count, and the half-width of the 95% t interval (NaN for n <
   * 2).
   */
  public record Summary(double mean, double sd, int n, double halfWidth) {
    public double low() {
      return mean - halfWidth;
    }

    public double high() {
      return mean + halfWidth;
    }
  }

  public static Summary summarize(List<Double> values) {
    int n = values.size();
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    if (n < 2) {
      return new Summary(mean, Double.NaN, n, Double.NaN);
    }
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(ss / (n - 1));
    double t = new TDistribution(n - 1).inverseCumulativeProbability(0.975);
    return new Summary(mean, sd, n, t * sd / Math.sqrt(n));
  }
}
