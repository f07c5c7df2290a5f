package org.ablate.experiments.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.ablate.core.AblateException;
import org.ablate.training.metrics.ExampleScores;
import org.ablate.training.metrics.PairedBootstrap;

/**
 * Groups runs into arms (runs that differ only by seed), summarizes every metric per arm (mean and
 * 95% confidence interval over seeds) and tests every pair of arms with paired bootstrap resampling
 * over the test examples.
 */
public final class Comparison {
  static final int BOOTSTRAP_SAMPLES = 1000;
  private final Map<String, List<RunRecord>> arms = new LinkedHashMap<>();
  private final List<String> metrics;
  private final String primary;

  /** One pairwise test. */
  public record Test(String a, String b, String metric, PairedBootstrap.Result result) {}

  public Comparison(List<RunRecord> runs) {
    if (runs.isEmpty()) {
      throw new AblateException(
          "no finished runs found (a finished run has results.json); check the folders given to compare.");
    }
    Map<String, List<RunRecord>> sorted = new TreeMap<>();
    for (RunRecord r : runs) {
      sorted.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r);
    }
    arms.putAll(sorted);
    Set<String> keys = new LinkedHashSet<>();
    for (String prefix : new String[] {"test_", "dev_"}) {
      for (RunRecord r : runs) {
        r.results()
            .forEach(
                (k, v) -> {
                  if (k.startsWith(prefix) && v instanceof Number && !k.endsWith("_seconds")) {
                    keys.add(k);
                  }
                });
      }
    }
    for (RunRecord r : runs) {
      r.results()
          .forEach(
              (k, v) -> {
                if (v instanceof Number
                    && (k.equals("parameters")
                        || k.endsWith("_per_second")
                        || k.equals("train_seconds")
                        || k.equals("train_flops")
                        || k.equals("steps"))) {
                  keys.add(k);
                }
              });
    }
    this.metrics = List.copyOf(keys);
    this.primary =
        List.of("test_bleu", "test_accuracy", "test_sequence_accuracy", "test_ppl", "test_loss")
            .stream()
            .filter(keys::contains)
            .findFirst()
            .orElse(metrics.get(0));
  }

  /**
   * The metric signatures the runs recorded ({@code bleu_signature}: sacreBLEU's notation), by
   * metric, each value once; runs that disagree show every value.
   */
  public Map<String, List<String>> signatures() {
    Map<String, List<String>> out = new java.util.TreeMap<>();
    for (List<RunRecord> runs : arms.values()) {
      for (RunRecord r : runs) {
        r.results()
            .forEach(
                (k, v) -> {
                  if (k.endsWith("_signature") && v instanceof String s) {
                    List<String> values =
                        out.computeIfAbsent(
                            k.substring(0, k.length() - "_signature".length()),
                            x -> new ArrayList<>());
                    if (!values.contains(s)) {
                      values.add(s);
                    }
                  }
                });
      }
    }
    return out;
  }

  /** The sweep's varied keys whose values are numbers in every run, in first-seen order. */
  public List<String> numericDimensions() {
    java.util.Set<String> keys = new java.util.LinkedHashSet<>();
    arms().values().forEach(runs -> runs.forEach(r -> keys.addAll(r.dimensions().keySet())));
    return keys.stream()
        .filter(
            k ->
                arms().values().stream()
                    .allMatch(
                        runs ->
                            runs.stream().allMatch(r -> r.dimensions().get(k) instanceof Number)))
        .toList();
  }

  public Map<String, List<RunRecord>> arms() {
    return arms;
  }

  public List<String> metrics() {
    return metrics;
  }

  /** The metric tables and plots lead with: BLEU, accuracy, sequence accuracy, perplexity, loss. */
  public String primary() {
    return primary;
  }

  public static boolean higherIsBetter(String metric) {
    return !(metric.contains("loss") || metric.contains("ppl") || metric.contains("seconds"));
  }

  public Stats.Summary summary(String arm, String metric) {
    List<Double> values = new ArrayList<>();
    for (RunRecord r : arms.get(arm)) {
      Double v = r.number(metric);
      if (v != null) {
        values.add(v);
      }
    }
    return Stats.summarize(values);
  }

  /** The metrics the paired bootstrap tests, by their name without the test set's prefix. */
  private static final List<String> TESTED =
      List.of("bleu", "chrf", "accuracy", "sequence_accuracy");

  /**
   * Paired bootstrap tests between every pair of arms, on the metrics with per-example details: of
   * the test split ({@code test_bleu}...), then of each extra test set ({@code
   * test_heldout_bleu}...).
   */
  public List<Test> tests() {
    List<Test> out = new ArrayList<>();
    java.util.Set<String> sets = new java.util.TreeSet<>();
    arms.values().forEach(runs -> runs.forEach(r -> sets.addAll(r.extraDetails().keySet())));
    for (String base : TESTED) {
      tests("test_" + base, base, RunRecord::details, out);
    }
    for (String set : sets) {
      for (String base : TESTED) {
        tests(
            "test_" + set + "_" + base,
            base,
            r -> r.extraDetails().getOrDefault(set, List.of()),
            out);
      }
    }
    return out;
  }

  /** The tests of {@code metric} between every pair of arms whose runs have its details. */
  private void tests(
      String metric,
      String base,
      Function<RunRecord, List<Map<String, Object>>> details,
      List<Test> out) {
    if (!metrics.contains(metric)) {
      return;
    }
    List<String> names = new ArrayList<>(arms.keySet());
    // each arm's scorer and example count once, not once per pair it is in
    List<Function<int[], Double>> scorers = new ArrayList<>();
    int[] examples = new int[names.size()];
    for (int i = 0; i < names.size(); i++) {
      scorers.add(scorer(arms.get(names.get(i)), base, details));
      examples[i] = details.apply(arms.get(names.get(i)).get(0)).size();
    }
    for (int i = 0; i < names.size(); i++) {
      for (int j = i + 1; j < names.size(); j++) {
        Function<int[], Double> a = scorers.get(i);
        Function<int[], Double> b = scorers.get(j);
        int n = examples[i];
        if (a == null || b == null || n == 0 || n != examples[j]) {
          continue;
        }
        out.add(
            new Test(
                names.get(i),
                names.get(j),
                metric,
                PairedBootstrap.test(n, a, b, BOOTSTRAP_SAMPLES, 20261122L)));
      }
    }
  }

  /**
   * Scores a resample for an arm: the metric of each seed's run on the sampled examples, averaged
   * over seeds. Null when a run lacks per-example details.
   */
  private static Function<int[], Double> scorer(
      List<RunRecord> runs, String metric, Function<RunRecord, List<Map<String, Object>>> details) {
    List<ExampleScores.Scorer> each = new ArrayList<>();
    for (RunRecord r : runs) {
      List<Map<String, Object>> rows = details.apply(r);
      ExampleScores.Scorer s = ExampleScores.of(metric, rows);
      if (s == null || s.examples() != rows.size()) {
        return null;
      }
      each.add(s);
    }
    return sample -> each.stream().mapToDouble(s -> s.score().apply(sample)).average().orElse(0);
  }

  /**
   * The resolved config keys on which the arms differ (name, description and seed aside), each with
   * every arm's value (its first run's; runs of one arm differ only in their seed).
   */
  public Map<String, Map<String, String>> configDifferences() {
    Map<String, Map<String, String>> byArm = new LinkedHashMap<>();
    for (Map.Entry<String, List<RunRecord>> arm : arms.entrySet()) {
      java.nio.file.Path file = arm.getValue().get(0).dir().resolve("config.yaml");
      Map<String, String> flat = new TreeMap<>();
      if (java.nio.file.Files.isRegularFile(file)) {
        flatten("", org.ablate.core.config.ConfigTree.load(file).root(), flat);
      }
      byArm.put(arm.getKey(), flat);
    }
    Set<String> keys = new java.util.TreeSet<>();
    byArm.values().forEach(m -> keys.addAll(m.keySet()));
    keys.removeAll(Set.of("name", "description", "seed"));
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (String key : keys) {
      Map<String, String> values = new LinkedHashMap<>();
      byArm.forEach((arm, flat) -> values.put(arm, flat.getOrDefault(key, "-")));
      if (new LinkedHashSet<>(values.values()).size() > 1) {
        out.put(key, values);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Map<String, Object> tree, Map<String, String> out) {
    tree.forEach(
        (k, v) -> {
          String key = prefix.isEmpty() ? k : prefix + "." + k;
          if (v instanceof Map<?, ?> m) {
            flatten(key, (Map<String, Object>) m, out);
          } else {
            out.put(key, String.valueOf(v));
          }
        });
  }

  /** Notes on whether arms are comparable: same data files and seeds. */
  @SuppressWarnings("unchecked")
  public List<String> fairnessNotes() {
    List<String> notes = new ArrayList<>();
    Set<Object> data = new LinkedHashSet<>();
    Map<String, Set<Long>> seeds = new LinkedHashMap<>();
    for (Map.Entry<String, List<RunRecord>> arm : arms.entrySet()) {
      for (RunRecord r : arm.getValue()) {
        data.add(r.provenance().get("data_files"));
        seeds.computeIfAbsent(arm.getKey(), k -> new java.util.TreeSet<>()).add(r.seed());
      }
    }
    notes.add(
        data.size() == 1
            ? "Every run read identical data files (same SHA-256)."
            : "WARNING: runs read different data files; compare with care.");
    if (new LinkedHashSet<>(seeds.values()).size() == 1) {
      notes.add("Every arm ran the same seeds " + seeds.values().iterator().next() + ".");
    } else {
      notes.add("Seeds per arm: " + seeds + ".");
    }
    return notes;
  }
}
