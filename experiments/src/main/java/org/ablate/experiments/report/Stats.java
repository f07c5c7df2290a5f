package org.ablate.experiments.report;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.apache.commons.math3.distribution.TDistribution;

/** Summary statistics over seeds and the paired bootstrap test (Koehn 2004). */
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

  /** Result of a paired bootstrap test of system A against system B. */
  public record Bootstrap(
      double observedA,
      double observedB,
      double aWins,
      double pValue,
      int samples,
      double differenceLow,
      double differenceHigh) {}

  /**
   * Paired bootstrap resampling over {@code examples} test items: both systems are scored on the
   * same resampled item sets; {@code aWins} is the share of samples where A scores higher, and
   * {@code pValue} the one-sided p-value for the better system not being better (share of samples
   * where it does not win); {@code differenceLow} and {@code differenceHigh} bound the 95%
   * percentile interval of A's score minus B's over the samples. {@code score} maps a sample (item
   * indices) to a system's score.
   */
  public static Bootstrap pairedBootstrap(
      int examples,
      Function<int[], Double> scoreA,
      Function<int[], Double> scoreB,
      int samples,
      long seed) {
    int[] all = new int[examples];
    for (int i = 0; i < examples; i++) {
      all[i] = i;
    }
    double a = scoreA.apply(all);
    double b = scoreB.apply(all);
    Random rng = new Random(seed);
    int aBetter = 0;
    int ties = 0;
    double[] differences = new double[samples];
    int[] sample = new int[examples];
    for (int s = 0; s < samples; s++) {
      for (int i = 0; i < examples; i++) {
        sample[i] = rng.nextInt(examples);
      }
      double sa = scoreA.apply(sample);
      double sb = scoreB.apply(sample);
      differences[s] = sa - sb;
      if (sa > sb) {
        aBetter++;
      } else if (sa == sb) {
        ties++;
      }
    }
    double aWins = (double) aBetter / samples;
    double bWins = (double) (samples - aBetter - ties) / samples;
    double p = a >= b ? 1 - aWins : 1 - bWins;
    java.util.Arrays.sort(differences);
    return new Bootstrap(
        a,
        b,
        aWins,
        p,
        samples,
        differences[(int) Math.floor(0.025 * (samples - 1))],
        differences[(int) Math.ceil(0.975 * (samples - 1))]);
  }
}
