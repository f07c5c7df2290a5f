package org.ablate.training.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.ablate.core.graph.GraphContext;

/**
 * A fixed sample of texts: the {@code n} whose 64-bit hash is smallest (ties by position), in their
 * original order. It ignores seeds, so every run draws the same sample, and a smaller sample lies
 * inside every larger one. {@link Selector} draws it from a stream in memory bounded by {@code n}.
 */
public final class TextSample {
  private TextSample() {}

  /** The positions of the {@code n} texts with the smallest hash, ascending; all when n is 0. */
  public static int[] positions(List<String> texts, int n) {
    if (n == 0 || n >= texts.size()) {
      int[] all = new int[texts.size()];
      java.util.Arrays.setAll(all, i -> i);
      return all;
    }
    Selector selector = new Selector(n, false);
    for (int i = 0; i < texts.size(); i++) {
      selector.offer(i, texts.get(i));
    }
    return selector.chosen().stream().mapToInt(c -> (int) c.position()).toArray();
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

  /** One chosen text: its position in the stream, and the text when the selector keeps texts. */
  public record Chosen(long position, long hash, String text) {}

  /**
   * Draws the sample from texts offered one at a time, at increasing positions, keeping only the
   * {@code n} best so far (a max-heap), so a corpus of any size is sampled in memory for {@code n}.
   */
  public static final class Selector {
    private static final Comparator<Chosen> ORDER =
        Comparator.comparingLong(Chosen::hash).thenComparingLong(Chosen::position);
    private final int n;
    private final boolean keepTexts;
    private final PriorityQueue<Chosen> worstFirst;

    /**
     * @param n how many to keep (at least 1)
     * @param keepTexts whether {@link #chosen} returns the texts too, or only their positions
     */
    public Selector(int n, boolean keepTexts) {
      if (n < 1) {
        throw new IllegalArgumentException("a sample needs n >= 1, got " + n);
      }
      this.n = n;
      this.keepTexts = keepTexts;
      this.worstFirst = new PriorityQueue<>(Math.min(n, 1 << 16) + 1, ORDER.reversed());
    }

    /** Offers the text at {@code position}; positions must increase from call to call. */
    public void offer(long position, String text) {
      long h = hash(text);
      if (worstFirst.size() == n) {
        Chosen worst = worstFirst.peek();
        if (h > worst.hash() || h == worst.hash()) {
          return; // a later position loses a tie
        }
        worstFirst.poll();
      }
      worstFirst.add(new Chosen(position, h, keepTexts ? text : null));
    }

    /** The chosen texts in stream order. */
    public List<Chosen> chosen() {
      List<Chosen> out = new ArrayList<>(worstFirst);
      out.sort(Comparator.comparingLong(Chosen::position));
      return out;
    }
  }
}
