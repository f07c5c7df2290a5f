package org.ablate.training.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.ablate.training.data.Tokens;
import org.junit.jupiter.api.Test;

class SearchTest {
  /** A bigram model: log p(next | previous token), the same for every source. */
  static Search.Stepper bigram(double[][] logp) {
    int v = logp.length;
    return (origins, tokens) -> {
      float[] out = new float[tokens.length * v];
      for (int r = 0; r < tokens.length; r++) {
        for (int j = 0; j < v; j++) {
          out[r * v + j] = (float) logp[tokens[r]][j];
        }
      }
      return out;
    };
  }

  static double[][] randomBigram(int v, long seed) {
    Random rng = new Random(seed);
    double[][] lp = new double[v][v];
    for (int i = 0; i < v; i++) {
      double z = 0;
      for (int j = 0; j < v; j++) {
        lp[i][j] = Math.exp(3 * rng.nextGaussian());
        z += lp[i][j];
      }
      for (int j = 0; j < v; j++) {
        lp[i][j] = Math.log(lp[i][j] / z);
      }
    }
    return lp;
  }

  @Test
  void beamOfOneEqualsGreedy() {
    for (long seed = 0; seed < 20; seed++) {
      double[][] lp = randomBigram(9, seed);
      int[] max = {3, 7, 12};
      List<Hypothesis> greedy = Search.greedy(bigram(lp), 9, max, 0.6);
      List<List<Hypothesis>> beam = Search.beam(bigram(lp), 9, max, 1, 0.6, 1);
      for (int b = 0; b < max.length; b++) {
        assertArrayEquals(
            greedy.get(b).tokens(), beam.get(b).get(0).tokens(), "seed " + seed + " source " + b);
        assertEquals(greedy.get(b).score(), beam.get(b).get(0).score(), 1e-9);
        assertEquals(greedy.get(b).normalizedScore(), beam.get(b).get(0).normalizedScore(), 1e-9);
        assertArrayEquals(greedy.get(b).tokenLogProbs(), beam.get(b).get(0).tokenLogProbs(), 1e-9);
      }
    }
  }

  @Test
  void beamFindsTheSequenceGreedyMisses() {
    // From BOS, token 4 looks best (0.6) but leads to a flat distribution; token 5 (0.4) leads to
    // EOS
    // with certainty. Greedy: 4 then ...; beam 2 finds BOS 5 EOS with log 0.4 > log(0.6 * 0.25).
    double small = Math.log(1e-9);
    double[][] lp = new double[7][7];
    for (double[] row : lp) {
      java.util.Arrays.fill(row, small);
    }
    lp[Tokens.BOS][4] = Math.log(0.6);
    lp[Tokens.BOS][5] = Math.log(0.4);
    for (int j : new int[] {Tokens.EOS, 4, 5, 6}) {
      lp[4][j] = Math.log(0.25);
    }
    lp[5][Tokens.EOS] = 0;
    List<Hypothesis> greedy = Search.greedy(bigram(lp), 7, new int[] {5}, 0.0);
    List<List<Hypothesis>> beam = Search.beam(bigram(lp), 7, new int[] {5}, 2, 0.0, 2);
    assertEquals(4, greedy.get(0).tokens()[0]);
    assertArrayEquals(new int[] {5}, beam.get(0).get(0).tokens());
    assertEquals(Math.log(0.4), beam.get(0).get(0).score(), 1e-6);
    assertTrue(
        beam.get(0).size() == 2
            && beam.get(0).get(1).normalizedScore() <= beam.get(0).get(0).normalizedScore());
  }

  /**
   * Each hypothesis carries the log-probability of every token it emitted (its EOS included when it
   * ended with one), read from the step function's table; they sum to its score, and the normalised
   * score divides that by the length penalty of as many tokens.
   */
  @Test
  void perTokenLogProbsAreTheTablesAndSumToTheScore() {
    for (long seed = 0; seed < 10; seed++) {
      double[][] lp = randomBigram(9, seed);
      int[] max = {2, 6, 11};
      List<List<Hypothesis>> lists = Search.beam(bigram(lp), 9, max, 3, 0.6, 3);
      lists.add(Search.greedy(bigram(lp), 9, max, 0.6));
      for (List<Hypothesis> list : lists) {
        for (Hypothesis h : list) {
          int[] emitted = java.util.Arrays.copyOf(h.tokens(), h.tokenLogProbs().length);
          if (h.endsWithEos()) {
            emitted[h.tokens().length] = Tokens.EOS;
          } else {
            assertEquals(h.tokens().length, h.tokenLogProbs().length);
          }
          int previous = Tokens.BOS;
          double sum = 0;
          for (int i = 0; i < emitted.length; i++) {
            assertEquals((float) lp[previous][emitted[i]], h.tokenLogProbs()[i], 1e-12);
            sum += h.tokenLogProbs()[i];
            previous = emitted[i];
          }
          assertEquals(h.score(), sum, 1e-9);
          assertEquals(
              h.score() / Search.lengthPenalty(emitted.length, 0.6), h.normalizedScore(), 1e-9);
        }
      }
    }
  }

  @Test
  void respectsTheMaximumLength() {
    double[][] lp = new double[6][6];
    for (double[] row : lp) {
      java.util.Arrays.fill(row, Math.log(1e-6));
      row[4] = Math.log(0.99); // never ends
    }
    assertEquals(3, Search.greedy(bigram(lp), 6, new int[] {3}, 0.6).get(0).tokens().length);
    assertEquals(
        3, Search.beam(bigram(lp), 6, new int[] {3}, 3, 0.6, 1).get(0).get(0).tokens().length);
  }

  @Test
  void lengthPenaltyIsGnmts() {
    assertEquals(1.0, Search.lengthPenalty(1, 0.6), 1e-12);
    assertEquals(Math.pow(15 / 6.0, 0.6), Search.lengthPenalty(10, 0.6), 1e-12);
    assertEquals(1.0, Search.lengthPenalty(10, 0.0), 1e-12);
  }
}
