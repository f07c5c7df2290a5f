package org.ablate.training.metrics;

import java.util.Random;
import java.util.function.Function;

/**
 * The paired bootstrap test (Koehn 2004): two systems scored on the same resampled sets of
 * examples. Used by comparison reports (two arms on the test split) and by checkpoint selection (a
 * checkpoint against the best so far on the dev split).
 */
public final class PairedBootstrap {
  private PairedBootstrap() {}

  /** Result of a paired bootstrap test of system A against system B. */
  public record Result(
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
  public static Result test(
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
    return new Result(
        a,
        b,
        aWins,
        p,
        samples,
        differences[(int) Math.floor(0.025 * (samples - 1))],
        differences[(int) Math.ceil(0.975 * (samples - 1))]);
  }
}
