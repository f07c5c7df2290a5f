package org.ablate.training.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.ablate.training.data.Tokens;

/**
 * Greedy and beam search over any step function, so RNN and Transformer decoders share one
 * implementation. Beam search keeps K live hypotheses per source, moves a candidate ending in EOS
 * to the finished list, and stops a source once it has K finished hypotheses or reaches its maximum
 * length (live beams are then finished without EOS). Finished hypotheses are ranked by score / lp
 * with the GNMT length penalty lp = ((5 + |y|) / 6)^alpha, |y| counting EOS. Ties prefer the lower
 * token id, so beam size 1 equals greedy search exactly.
 */
public final class Search {
  private Search() {}

  /**
   * One decoding step for all rows: reorder state rows by {@code origins}, feed {@code tokens},
   * return log-probs.
   */
  @FunctionalInterface
  public interface Stepper {
    /** Flat {@code [rows * V]} next-token log-probabilities. */
    float[] step(int[] origins, int[] tokens);
  }

  /** The GNMT length penalty. */
  public static double lengthPenalty(int length, double alpha) {
    return Math.pow((5.0 + length) / 6.0, alpha);
  }

  /**
   * Greedy search; {@code maxLengths[b]} caps the output of source b (EOS excluded). Scores are
   * normalised with the length penalty {@code alpha}, as beam search's, though greedy search ranks
   * no alternatives by them.
   */
  public static List<Hypothesis> greedy(
      Stepper stepper, int vocabulary, int[] maxLengths, double alpha) {
    int batch = maxLengths.length;
    int[] origins = new int[batch];
    int[] tokens = new int[batch];
    Arrays.setAll(origins, i -> i);
    Arrays.fill(tokens, Tokens.BOS);
    List<List<Integer>> out = new ArrayList<>();
    List<List<Double>> logProbs = new ArrayList<>();
    double[] scores = new double[batch];
    boolean[] done = new boolean[batch];
    int limit = Arrays.stream(maxLengths).max().orElse(0);
    for (int b = 0; b < batch; b++) {
      out.add(new ArrayList<>());
      logProbs.add(new ArrayList<>());
      done[b] = maxLengths[b] <= 0;
    }
    for (int t = 0; t < limit + 1 && !allTrue(done); t++) {
      float[] lp = stepper.step(origins, tokens);
      for (int b = 0; b < batch; b++) {
        if (done[b]) {
          tokens[b] = Tokens.EOS;
          continue;
        }
        int best = 0;
        for (int v = 1; v < vocabulary; v++) {
          if (lp[b * vocabulary + v] > lp[b * vocabulary + best]) {
            best = v;
          }
        }
        scores[b] += lp[b * vocabulary + best];
        logProbs.get(b).add((double) lp[b * vocabulary + best]);
        tokens[b] = best;
        if (best == Tokens.EOS) {
          done[b] = true;
        } else {
          out.get(b).add(best);
          done[b] = out.get(b).size() >= maxLengths[b];
        }
      }
    }
    List<Hypothesis> result = new ArrayList<>();
    for (int b = 0; b < batch; b++) {
      int[] seq = out.get(b).stream().mapToInt(Integer::intValue).toArray();
      double[] lps = logProbs.get(b).stream().mapToDouble(Double::doubleValue).toArray();
      result.add(new Hypothesis(seq, lps, scores[b], scores[b] / lengthPenalty(lps.length, alpha)));
    }
    return result;
  }

  /**
   * Beam search with {@code beam} hypotheses per source; returns up to {@code nBest} per source,
   * best first.
   */
  public static List<List<Hypothesis>> beam(
      Stepper stepper, int vocabulary, int[] maxLengths, int beam, double alpha, int nBest) {
    int batch = maxLengths.length;
    int rows = batch * beam;
    double[] beamScores = new double[rows];
    int[][] histories = new int[rows][0];
    double[][] logProbs = new double[rows][0];
    int[] origins = new int[rows];
    int[] tokens = new int[rows];
    Arrays.setAll(origins, i -> i);
    Arrays.fill(tokens, Tokens.BOS);
    for (int r = 0; r < rows; r++) {
      beamScores[r] = r % beam == 0 ? 0 : Double.NEGATIVE_INFINITY;
    }
    List<List<Hypothesis>> finished = new ArrayList<>();
    boolean[] done = new boolean[batch];
    for (int b = 0; b < batch; b++) {
      finished.add(new ArrayList<>());
      done[b] = maxLengths[b] <= 0;
    }
    int limit = Arrays.stream(maxLengths).max().orElse(0);
    for (int t = 0; t < limit + 1 && !allTrue(done); t++) {
      float[] lp = stepper.step(origins, tokens);
      int[] nextOrigins = new int[rows];
      int[] nextTokens = new int[rows];
      double[] nextScores = new double[rows];
      int[][] nextHistories = new int[rows][];
      double[][] nextLogProbs = new double[rows][];
      for (int b = 0; b < batch; b++) {
        int live = 0;
        if (!done[b]) {
          for (long[] cand : topCandidates(lp, beamScores, b, beam, vocabulary)) {
            int flat = (int) cand[1];
            int row = b * beam + flat / vocabulary;
            int v = flat % vocabulary;
            double score = Double.longBitsToDouble(cand[0]);
            if (v == Tokens.EOS) {
              if (finished.get(b).size() < beam) {
                finished
                    .get(b)
                    .add(
                        new Hypothesis(
                            histories[row],
                            append(logProbs[row], lp[row * vocabulary + v]),
                            score,
                            score / lengthPenalty(histories[row].length + 1, alpha)));
              }
            } else if (live < beam) {
              int target = b * beam + live++;
              nextOrigins[target] = row;
              nextTokens[target] = v;
              nextScores[target] = score;
              nextHistories[target] = append(histories[row], v);
              nextLogProbs[target] = append(logProbs[row], lp[row * vocabulary + v]);
            }
            if (live == beam) {
              break;
            }
          }
          if (finished.get(b).size() >= beam) {
            done[b] = true;
          } else if (t + 1 >= maxLengths[b]) {
            for (int k = 0; k < live; k++) {
              int r = b * beam + k;
              finished
                  .get(b)
                  .add(
                      new Hypothesis(
                          nextHistories[r],
                          nextLogProbs[r],
                          nextScores[r],
                          nextScores[r] / lengthPenalty(nextHistories[r].length, alpha)));
            }
            done[b] = true;
          }
        }
        for (int k = done[b] ? 0 : live; k < beam; k++) {
          int r = b * beam + k;
          nextOrigins[r] = r;
          nextTokens[r] = Tokens.EOS;
          nextScores[r] = Double.NEGATIVE_INFINITY;
          nextHistories[r] = new int[0];
          nextLogProbs[r] = new double[0];
        }
      }
      origins = nextOrigins;
      tokens = nextTokens;
      beamScores = nextScores;
      histories = nextHistories;
      logProbs = nextLogProbs;
    }
    List<List<Hypothesis>> result = new ArrayList<>();
    for (List<Hypothesis> f : finished) {
      List<Hypothesis> sorted = new ArrayList<>(f);
      sorted.sort(Comparator.comparingDouble(Hypothesis::normalizedScore).reversed());
      result.add(List.copyOf(sorted.subList(0, Math.min(nBest, sorted.size()))));
    }
    return result;
  }

  /**
   * The 2K best (score, flat index) candidates of source b, best first; ties prefer the lower
   * index.
   */
  private static List<long[]> topCandidates(
      float[] lp, double[] beamScores, int b, int beam, int vocabulary) {
    int keep = 2 * beam;
    // min-heap on (score asc, index desc): the root is the worst kept candidate.
    PriorityQueue<long[]> heap =
        new PriorityQueue<>(
            (x, y) -> {
              int c = Double.compare(Double.longBitsToDouble(x[0]), Double.longBitsToDouble(y[0]));
              return c != 0 ? c : Long.compare(y[1], x[1]);
            });
    for (int k = 0; k < beam; k++) {
      int row = b * beam + k;
      if (beamScores[row] == Double.NEGATIVE_INFINITY) {
        continue;
      }
      for (int v = 0; v < vocabulary; v++) {
        double s = beamScores[row] + lp[row * vocabulary + v];
        long flat = (long) k * vocabulary + v;
        if (heap.size() < keep) {
          heap.add(new long[] {Double.doubleToLongBits(s), flat});
        } else {
          long[] worst = heap.peek();
          double ws = Double.longBitsToDouble(worst[0]);
          if (s > ws || (s == ws && flat < worst[1])) {
            heap.poll();
            heap.add(new long[] {Double.doubleToLongBits(s), flat});
          }
        }
      }
    }
    List<long[]> out = new ArrayList<>(heap);
    out.sort(
        (x, y) -> {
          int c = Double.compare(Double.longBitsToDouble(y[0]), Double.longBitsToDouble(x[0]));
          return c != 0 ? c : Long.compare(x[1], y[1]);
        });
    return out;
  }

  private static int[] append(int[] history, int token) {
    int[] out = Arrays.copyOf(history, history.length + 1);
    out[history.length] = token;
    return out;
  }

  private static double[] append(double[] history, double value) {
    double[] out = Arrays.copyOf(history, history.length + 1);
    out[history.length] = value;
    return out;
  }

  private static boolean allTrue(boolean[] flags) {
    for (boolean f : flags) {
      if (!f) {
        return false;
      }
    }
    return true;
  }
}
