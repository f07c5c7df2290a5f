package org.ablate.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ablate.training.config.TrainingConfig.BatchUnit;
import org.junit.jupiter.api.Test;

class BatchPlanTest {
  private static int[] lengths(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = 3 + (i * 7) % 30;
    }
    return out;
  }

  @Test
  void everyExampleOncePerEpochAndBatchesStayInTheirBucket() {
    int[] lengths = lengths(101);
    BatchPlan plan = new BatchPlan(lengths, List.of(8, 16, 32), BatchUnit.EXAMPLES, 10, 3);
    Set<Integer> seen = new HashSet<>();
    for (int k = 0; k < plan.batchesPerEpoch(); k++) {
      int[] batch = plan.batch(k);
      assertTrue(batch.length <= 10);
      int bucket = plan.bucketOf(lengths[batch[0]]);
      for (int i : batch) {
        assertTrue(seen.add(i), "example " + i + " twice in one epoch");
        assertEquals(bucket, plan.bucketOf(lengths[i]));
      }
    }
    assertEquals(101, seen.size());
  }

  @Test
  void theArrayShuffleDrawsWhatCollectionsShuffleDraws() {
    for (int n : new int[] {0, 1, 2, 5, 1000}) {
      java.util.List<Integer> list = new java.util.ArrayList<>();
      int[] array = new int[n];
      for (int i = 0; i < n; i++) {
        list.add(i);
        array[i] = i;
      }
      java.util.Collections.shuffle(list, new java.util.Random(42 + n));
      BatchPlan.shuffle(array, new java.util.Random(42 + n));
      assertEquals(list, java.util.Arrays.stream(array).boxed().toList(), "n=" + n);
    }
  }

  @Test
  void isAPureFunctionOfSeedAndIndex() {
    BatchPlan a = new BatchPlan(lengths(300), List.of(8, 16, 32), BatchUnit.EXAMPLES, 16, 5);
    BatchPlan b = new BatchPlan(lengths(300), List.of(8, 16, 32), BatchUnit.EXAMPLES, 16, 5);
    BatchPlan other = new BatchPlan(lengths(300), List.of(8, 16, 32), BatchUnit.EXAMPLES, 16, 6);
    assertArrayEquals(a.batch(57), b.batch(57));
    assertArrayEquals(a.batch(3), b.batch(3), "asking out of order gives the same batches");
    assertTrue(!java.util.Arrays.equals(a.batch(57), other.batch(57)));
  }

  @Test
  void tokenBudgetsScaleWithTheBucket() {
    int[] lengths = lengths(200);
    BatchPlan plan = new BatchPlan(lengths, List.of(8, 16, 32), BatchUnit.TOKENS, 64, 1);
    for (int k = 0; k < plan.batchesPerEpoch(); k++) {
      int[] batch = plan.batch(k);
      assertTrue(batch.length * plan.bucketOf(lengths[batch[0]]) <= 64);
    }
  }
}
