package org.ablate.training.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A split metric recomputed on any resample of its examples, from the per-example rows an
 * evaluation records: corpus BLEU and chrF from their sentence statistics, loss and perplexity from
 * each example's summed loss and token count, and accuracies from each example's 0/1. What the
 * paired bootstrap resamples.
 */
public final class ExampleScores {
  private ExampleScores() {}

  /**
   * A metric over resamples of {@code examples} items (indices 0 to examples - 1, the rows that
   * hold what the metric needs, in their order).
   */
  public record Scorer(int examples, Function<int[], Double> score) {}

  /**
   * The scorer of {@code metric} (named with or without its split prefix, e.g. dev_bleu or bleu)
   * over {@code rows}, or null when the metric is not one of these or no row holds its values.
   */
  @SuppressWarnings("unchecked")
  public static Scorer of(String metric, List<Map<String, Object>> rows) {
    String name = name(metric);
    List<String> keys = keys(name);
    if (keys.isEmpty()) {
      return null;
    }
    String key = keys.get(0);
    List<Map<String, Object>> held = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      if (row.get(key) != null) {
        held.add(row);
      }
    }
    if (held.isEmpty()) {
      return null;
    }
    int n = held.size();
    return switch (name) {
      case "bleu", "chrf" -> {
        long[][] stats = new long[n][];
        for (int i = 0; i < n; i++) {
          stats[i] =
              ((List<Number>) held.get(i).get(key)).stream().mapToLong(Number::longValue).toArray();
        }
        boolean bleu = name.equals("bleu");
        yield new Scorer(
            n,
            sample -> {
              long[] sum = new long[bleu ? Bleu.STATS : Chrf.STATS];
              for (int i : sample) {
                for (int j = 0; j < sum.length; j++) {
                  sum[j] += stats[i][j];
                }
              }
              return bleu ? Bleu.fromStats(sum).score() : Chrf.fScore(sum);
            });
      }
      case "loss", "ppl" -> {
        double[] loss = column(held, "loss");
        double[] tokens = column(held, "tokens");
        boolean ppl = name.equals("ppl");
        yield new Scorer(
            n,
            sample -> {
              double l = 0;
              double t = 0;
              for (int i : sample) {
                l += loss[i];
                t += tokens[i];
              }
              double mean = l / Math.max(t, 1);
              return ppl ? Math.exp(mean) : mean;
            });
      }
      default -> {
        double[] correct = column(held, "correct");
        yield new Scorer(
            n,
            sample -> {
              double hits = 0;
              for (int i : sample) {
                hits += correct[i];
              }
              return hits / sample.length;
            });
      }
    };
  }

  /**
   * {@code rows} cut to what {@link #of} needs for {@code metric}: the rows that hold its values,
   * with only those keys (what a checkpoint keeps of the best evaluation so far). Empty when the
   * metric has no per-example form.
   */
  public static List<Map<String, Object>> keep(String metric, List<Map<String, Object>> rows) {
    List<String> keys = keys(name(metric));
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      if (!keys.isEmpty() && row.get(keys.get(0)) != null) {
        Map<String, Object> kept = new java.util.LinkedHashMap<>();
        keys.forEach(k -> kept.put(k, row.get(k)));
        out.add(kept);
      }
    }
    return out;
  }

  /** The metric's name without its split prefix. */
  private static String name(String metric) {
    return metric.replaceFirst("^(dev|test)_", "");
  }

  /** The per-example keys a metric is computed from, the one every row must hold first. */
  private static List<String> keys(String name) {
    return switch (name) {
      case "bleu", "chrf" -> List.of(name);
      case "loss", "ppl" -> List.of("loss", "tokens");
      case "accuracy", "sequence_accuracy" -> List.of("correct");
      default -> List.of();
    };
  }

  private static double[] column(List<Map<String, Object>> rows, String key) {
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) {
      Object v = rows.get(i).get(key);
      out[i] = v instanceof Number number ? number.doubleValue() : 0;
    }
    return out;
  }
}
