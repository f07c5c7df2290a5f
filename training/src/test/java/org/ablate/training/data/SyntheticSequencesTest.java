package org.ablate.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
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

  @Test
  void extraTestLengthsHaveExactlyThatLengthAndAreHeldOut() {
    SyntheticData plain = new SyntheticData(SyntheticData.Kind.REVERSE, 3, 2, 4, 10, 10);
    SyntheticData withLengths =
        new SyntheticData(SyntheticData.Kind.REVERSE, 3, 2, 4, 10, 10, List.of(4, 9));
    SyntheticSequences s = new SyntheticSequences(withLengths, 5);
    SyntheticSequences before = new SyntheticSequences(plain, 5);
    assertEquals(List.of(4, 9), List.copyOf(s.lengthTests().keySet()));
    // the dev and test splits do not change when test lengths are added
    for (int i = 0; i < 10; i++) {
      assertArrayEquals(before.test().get(i).source(), s.test().get(i).source());
      assertArrayEquals(before.dev().get(i).source(), s.dev().get(i).source());
    }
    Set<String> heldOut = new HashSet<>();
    s.dev().forEach(e -> heldOut.add(Arrays.toString(e.source())));
    s.test().forEach(e -> heldOut.add(Arrays.toString(e.source())));
    s.lengthTests()
        .forEach(
            (length, examples) -> {
              assertEquals(10, examples.size());
              for (Seq2SeqExample e : examples) {
                assertEquals(length, e.source().length);
                assertTrue(heldOut.add(Arrays.toString(e.source())), "distinct from every split");
                assertEquals(e.source()[0], e.target()[length - 1], "the reverse");
              }
            });
    for (long step = 1; step < 50; step++) {
      for (Seq2SeqExample e : s.trainBatch(7, step, 8)) {
        assertFalse(heldOut.contains(Arrays.toString(e.source())));
      }
    }
    assertEquals(9, withLengths.longest());
  }

  @Test
  void tooFewDistinctSequencesOfALengthIsADataError() {
    SyntheticData data = new SyntheticData(SyntheticData.Kind.COPY, 2, 2, 4, 5, 5, List.of(2));
    DataException e = assertThrows(DataException.class, () -> new SyntheticSequences(data, 1));
    assertTrue(e.getMessage().contains("sequences of length 2 over 2 symbols"), e.getMessage());
  }
}
