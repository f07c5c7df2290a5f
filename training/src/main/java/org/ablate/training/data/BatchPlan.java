package org.ablate.training.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.ablate.training.config.TrainingConfig.BatchUnit;

/**
 * Which examples form the k-th training batch, as a pure function of (seed, k): each epoch shuffles
 * the examples with a seed derived from the epoch, groups them into length buckets, cuts each
 * bucket into batches (a fixed number of examples, or as many as fit a token budget at the bucket's
 * padded length) and shuffles the batches. Epochs follow each other, so a resumed run continues
 * exactly.
 */
public final class BatchPlan {
  private final int[] lengths;
  private final List<Integer> buckets;
  private final BatchUnit unit;
  private final int size;
  private final long seed;
  private final List<Integer> epochSizes = new ArrayList<>();
  private int cachedEpoch = -1;
  private List<int[]> cachedBatches;

  /**
   * @param lengths padded length each example needs
   * @param buckets ascending bucket boundaries; every length must fit the last one
   */
  public BatchPlan(int[] lengths, List<Integer> buckets, BatchUnit unit, int size, long seed) {
    if (lengths.length == 0) {
      throw new DataException("the training split is empty: no examples to batch.");
    }
    this.lengths = lengths;
    this.buckets = List.copyOf(buckets);
    this.unit = unit;
    this.size = size;
    this.seed = seed;
  }

  /** The example indices of 0-based batch {@code k}. */
  public synchronized int[] batch(long k) {
    long start = 0;
    for (int e = 0; ; e++) {
      if (e == epochSizes.size()) {
        epochSizes.add(epoch(e).size());
      }
      if (k < start + epochSizes.get(e)) {
        return epoch(e).get((int) (k - start));
      }
      start += epochSizes.get(e);
    }
  }

  /** Batches per epoch (of the first epoch; later ones may differ by one or two). */
  public int batchesPerEpoch() {
    return epoch(0).size();
  }

  /** The bucket boundary for a padded length. */
  public int bucketOf(int length) {
    return buckets.get(bucketIndex(length));
  }

  private int bucketIndex(int length) {
    for (int b = 0; b < buckets.size(); b++) {
      if (length <= buckets.get(b)) {
        return b;
      }
    }
    throw new IllegalArgumentException(
        "length " + length + " exceeds the largest bucket " + buckets.get(buckets.size() - 1));
  }

  private List<int[]> epoch(int e) {
    if (e == cachedEpoch) {
      return cachedBatches;
    }
    Random rng = new Random(seed * 0x2545F4914F6CDD1DL + e * 0x9E3779B97F4A7C15L);
    int[] order = new int[lengths.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    shuffle(order, rng);
    int[] bucketOf = new int[order.length];
    int[] bucketSizes = new int[buckets.size()];
    for (int k = 0; k < order.length; k++) {
      bucketOf[k] = bucketIndex(lengths[order[k]]);
      bucketSizes[bucketOf[k]]++;
    }
    List<int[]> batches = new ArrayList<>();
    for (int b = 0; b < buckets.size(); b++) {
      int[] members = new int[bucketSizes[b]];
      int n = 0;
      for (int k = 0; k < order.length; k++) {
        if (bucketOf[k] == b) {
          members[n++] = order[k];
        }
      }
      int per = unit == BatchUnit.TOKENS ? Math.max(1, size / buckets.get(b)) : size;
      for (int from = 0; from < members.length; from += per) {
        batches.add(Arrays.copyOfRange(members, from, Math.min(members.length, from + per)));
      }
    }
    Collections.shuffle(batches, rng);
    cachedEpoch = e;
    cachedBatches = batches;
    return batches;
  }

  /**
   * Fisher-Yates with the draws of {@link Collections#shuffle(List, Random)}, on an int array: the
   * same order as shuffling a list of the same numbers, without boxing millions of them.
   */
  static void shuffle(int[] a, Random rng) {
    for (int i = a.length; i > 1; i--) {
      int j = rng.nextInt(i);
      int t = a[i - 1];
      a[i - 1] = a[j];
      a[j] = t;
    }
  }
}
