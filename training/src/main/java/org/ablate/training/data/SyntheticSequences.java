package org.ablate.training.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.ablate.training.config.SyntheticData;

/**
 * Random sequences over symbols {@link Tokens#FIRST}..FIRST+vocab-1, with the target the copy, the
 * reverse or the sorted source. Dev and test sets, and the extra test sets of fixed lengths, are
 * fixed by the seed; training sequences are drawn per step and never equal a held-out sequence.
 */
public final class SyntheticSequences {
  private final SyntheticData config;
  private final List<Seq2SeqExample> dev;
  private final List<Seq2SeqExample> test;
  private final Map<Integer, List<Seq2SeqExample>> lengthTests = new LinkedHashMap<>();
  private final Set<String> heldOut = new HashSet<>();

  public SyntheticSequences(SyntheticData config, long seed) {
    this.config = config;
    Random rng = new Random(seed ^ 0x5DEECE66DL);
    this.dev = draw(rng, config.devSize(), config.minLength(), config.maxLength());
    this.test = draw(rng, config.testSize(), config.minLength(), config.maxLength());
    for (int length : config.testLengths()) {
      lengthTests.put(length, draw(rng, config.testSize(), length, length));
    }
  }

  private List<Seq2SeqExample> draw(Random rng, int n, int shortest, int longest) {
    List<Seq2SeqExample> out = new ArrayList<>();
    int attempts = 0;
    while (out.size() < n) {
      int[] src = sequence(rng, shortest, longest);
      if (heldOut.add(Arrays.toString(src))) {
        out.add(example(src));
      } else if (++attempts > 100 * n) {
        throw new DataException(
            "data: cannot draw "
                + n
                + " distinct held-out sequences of length "
                + (shortest == longest ? shortest : shortest + "-" + longest)
                + " over "
                + config.vocab()
                + " symbols; lower data.dev_size/data.test_size or raise data.vocab.");
      }
    }
    return List.copyOf(out);
  }

  private int[] sequence(Random rng, int shortest, int longest) {
    int length = shortest + rng.nextInt(longest - shortest + 1);
    int[] src = new int[length];
    for (int i = 0; i < length; i++) {
      src[i] = Tokens.FIRST + rng.nextInt(config.vocab());
    }
    return src;
  }

  private Seq2SeqExample example(int[] src) {
    int[] tgt = src.clone();
    switch (config.task()) {
      case REVERSE -> {
        for (int i = 0; i < tgt.length / 2; i++) {
          int t = tgt[i];
          tgt[i] = tgt[tgt.length - 1 - i];
          tgt[tgt.length - 1 - i] = t;
        }
      }
      case SORT -> Arrays.sort(tgt);
      case COPY -> {}
    }
    return new Seq2SeqExample(src, tgt);
  }

  /** {@code n} fresh training examples for {@code step}: a pure function of (seed, step). */
  public List<Seq2SeqExample> trainBatch(long seed, long step, int n) {
    Random rng = new Random(seed * 0x9E3779B97F4A7C15L + step);
    List<Seq2SeqExample> out = new ArrayList<>(n);
    while (out.size() < n) {
      int[] src = sequence(rng, config.minLength(), config.maxLength());
      if (!heldOut.contains(Arrays.toString(src))) {
        out.add(example(src));
      }
    }
    return out;
  }

  public List<Seq2SeqExample> dev() {
    return dev;
  }

  public List<Seq2SeqExample> test() {
    return test;
  }

  /**
   * The extra test sets of {@code data.test_lengths}, by length: test_size sequences of exactly
   * that length each, distinct from each other, from dev and test, and never drawn for training.
   */
  public Map<Integer, List<Seq2SeqExample>> lengthTests() {
    return Collections.unmodifiableMap(lengthTests);
  }

  /** Vocabulary size including the special tokens. */
  public int vocabularySize() {
    return Tokens.FIRST + config.vocab();
  }

  public int maxLength() {
    return config.maxLength();
  }
}
