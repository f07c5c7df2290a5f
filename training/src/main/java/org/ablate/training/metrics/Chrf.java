package org.ablate.training.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Corpus chrF (Popovic 2015) as sacreBLEU computes it by default: character n-grams of orders 1-6
 * with whitespace removed, statistics summed over the corpus, precision and recall averaged over
 * the orders that occur, beta = 2.
 */
public final class Chrf {
  /**
   * sacreBLEU's signature of the chrF computed here; the version is the sacreBLEU release whose
   * scores the tests reproduce.
   */
  public static final String SIGNATURE =
      "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.5.1";

  private static final int ORDER = 6;
  private static final double BETA = 2;

  private Chrf() {}

  public static double corpus(List<String> hypotheses, List<String> references) {
    if (hypotheses.size() != references.size()) {
      throw new IllegalArgumentException(
          hypotheses.size() + " hypotheses but " + references.size() + " references");
    }
    long[] stats = new long[STATS];
    for (int i = 0; i < hypotheses.size(); i++) {
      long[] s = sentenceStats(hypotheses.get(i), references.get(i));
      for (int j = 0; j < STATS; j++) {
        stats[j] += s[j];
      }
    }
    return fScore(stats);
  }

  /** Number of statistics per sentence: (hypothesis, reference, match) n-gram counts per order. */
  public static final int STATS = 3 * ORDER;

  /** One sentence's statistics; corpus chrF is {@link #fScore} of their sum. */
  public static long[] sentenceStats(String hypothesis, String reference) {
    int[] hyp = codePoints(hypothesis);
    int[] ref = codePoints(reference);
    long[] stats = new long[STATS];
    for (int n = 1; n <= ORDER; n++) {
      Map<String, Integer> h = ngrams(hyp, n);
      Map<String, Integer> r = ngrams(ref, n);
      long hypCount = 0;
      long match = 0;
      for (Map.Entry<String, Integer> e : h.entrySet()) {
        hypCount += e.getValue();
        match += Math.min(e.getValue(), r.getOrDefault(e.getKey(), 0));
      }
      long refCount = r.values().stream().mapToLong(Integer::longValue).sum();
      stats[3 * (n - 1)] = r.isEmpty() ? 0 : hypCount;
      stats[3 * (n - 1) + 1] = refCount;
      stats[3 * (n - 1) + 2] = match;
    }
    return stats;
  }

  public static double fScore(long[] stats) {
    double factor = BETA * BETA;
    double avgPrec = 0;
    double avgRec = 0;
    int effective = 0;
    for (int n = 0; n < ORDER; n++) {
      long hyp = stats[3 * n];
      long ref = stats[3 * n + 1];
      long match = stats[3 * n + 2];
      if (hyp > 0 && ref > 0) {
        avgPrec += (double) match / hyp;
        avgRec += (double) match / ref;
        effective++;
      }
    }
    if (effective == 0) {
      return 0.0;
    }
    avgPrec /= effective;
    avgRec /= effective;
    if (avgPrec + avgRec == 0) {
      return 0.0;
    }
    return 100 * (1 + factor) * avgPrec * avgRec / (factor * avgPrec + avgRec);
  }

  /** Code points with all whitespace removed. */
  private static int[] codePoints(String s) {
    return Bleu.WHITESPACE.matcher(s).replaceAll("").codePoints().toArray();
  }

  private static Map<String, Integer> ngrams(int[] chars, int n) {
    Map<String, Integer> out = new HashMap<>();
    for (int i = 0; i + n <= chars.length; i++) {
      out.merge(new String(chars, i, n), 1, Integer::sum);
    }
    return out;
  }
}
