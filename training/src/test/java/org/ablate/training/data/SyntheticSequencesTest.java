package org.ablate.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.ablate.training.config.SyntheticData;
import org.junit.jupiter.api.Test;

class SyntheticSequencesTest {
  @Test
  void targetsAreTheCopyReverseOrSort() {
    for (SyntheticData.Kind kind : SyntheticData.Kind.values()) {
      SyntheticSequences s = new SyntheticSequences(new SyntheticData(kind, 20, 5, 20, 10, 10), 1);
      for (Seq2SeqExample e : s.trainBatch(1, 1, 20)) {
        int[] expected = e.source().clone();
        if (kind == SyntheticData.Kind.SORT) {
          Arrays.sort(expected);
        } else if (kind == SyntheticData.Kind.REVERSE) {
          for (int i = 0; i < expected.length; i++) {
            expected[i] = e.source()[e.source().length - 1 - i];
          }
        }
        assertArrayEquals(expected, e.target());
        assertFalse(e.source().length < 5 || e.source().length > 20);
      }
    }
  }

  @Test
  void trainingNeverDrawsAHeldOutSequenceAndIsSeededByStep() {
    SyntheticSequences s =
        new SyntheticSequences(new SyntheticData(SyntheticData.Kind.COPY, 4, 2, 3, 20, 20), 1);
    Set<String> heldOut = new HashSet<>();
    s.dev().forEach(e -> heldOut.add(Arrays.toString(e.source())));
    s.test().forEach(e -> heldOut.add(Arrays.toString(e.source())));
    assertEquals(40, heldOut.size());
    for (long step = 1; step < 50; step++) {
      for (Seq2SeqExample e : s.trainBatch(7, step, 8)) {
        assertFalse(heldOut.contains(Arrays.toString(e.source())));
      }
    }
    assertArrayEquals(s.trainBatch(7, 3, 4).get(2).source(), s.trainBatch(7, 3, 4).get(2).source());
  }
}
