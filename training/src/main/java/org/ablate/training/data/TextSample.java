package org.ablate.training.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.ablate.core.graph.GraphContext;

/**
 * A fixed sample of texts: the {@code n} whose 64-bit hash is smallest (ties by position), in their
 * original order. It ignores seeds, so every run draws the same sample, and a smaller sample lies
 * inside every larger one.
 */
public final class TextSample {
  private TextSample() {}

  /** The positions of the {@code n} texts with the smallest hash, ascending; all when n is 0. */
  public static int[] positions(List<String> texts, int n) {
    if (n == 0 || n >= texts.size()) {
      int[] all = new int[texts.size()];
      Arrays.setAll(all, i -> i);
      return all;
    }
    long[] hashes = new long[texts.size()];
    Integer[] order = new Integer[texts.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      hashes[i] = hash(texts.get(i));
    }
    Arrays.sort(order, Comparator.<Integer>comparingLong(i -> hashes[i]).thenComparingInt(i -> i));
    int[] chosen = new int[n];
    for (int k = 0; k < n; k++) {
      chosen[k] = order[k];
    }
    Arrays.sort(chosen);
    return chosen;
  }

  /** The sampled texts themselves (see {@link #positions}). */
  public static List<String> of(List<String> texts, int n) {
    if (n == 0 || n >= texts.size()) {
      return texts;
    }
    List<String> out = new ArrayList<>(n);
    for (int i : positions(texts, n)) {
      out.add(texts.get(i));
    }
    return out;
  }

  /** FNV-1a over the UTF-8 bytes, then SplitMix64's finalizer: a stable 64-bit hash of a text. */
  static long hash(String text) {
    return GraphContext.mix(GraphContext.fnv1a(text));
  }
}
