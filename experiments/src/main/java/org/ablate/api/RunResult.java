package org.ablate.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.ablate.core.AblateException;
import org.ablate.experiments.report.RunRecord;
import org.ablate.experiments.run.ExperimentRunner;
import org.ablate.training.io.JsonFiles;

/**
 * A finished run's {@code results.json} as an object: its folder, its metrics and facts (steps,
 * stop reason, parameters, the selected step), and the metric history of {@code metrics.jsonl}.
 *
 * <pre>{@code
 * RunResult r = RunResult.read(Path.of("runs/copy-64"));
 * r.metric("test_sequence_accuracy"); r.steps(); r.stopReason();
 * }</pre>
 */
public record RunResult(
    Path directory, Map<String, Object> results, List<Map<String, Object>> history) {

  /** The run in {@code directory} (it must have finished: results.json exists). */
  @SuppressWarnings("unchecked")
  public static RunResult read(Path directory) {
    Path file = directory.resolve(ExperimentRunner.RESULTS);
    if (!Files.isRegularFile(file)) {
      throw new AblateException(
          directory + " holds no finished run (no " + ExperimentRunner.RESULTS + ").");
    }
    try {
      Map<String, Object> results = JsonFiles.readObject(file);
      List<Map<String, Object>> history =
          Files.isRegularFile(directory.resolve("metrics.jsonl"))
              ? org.ablate.training.loop.MetricsLog.read(directory.resolve("metrics.jsonl"))
              : List.of();
      return new RunResult(
          directory, Collections.unmodifiableMap(results), Collections.unmodifiableList(history));
    } catch (IOException e) {
      throw new AblateException(file + " cannot be read: " + JsonFiles.reason(e) + ".", e);
    }
  }

  /** Every finished run at or below {@code folders}. */
  public static List<RunResult> find(List<Path> folders) {
    List<RunResult> out = new ArrayList<>();
    for (RunRecord r : RunRecord.find(folders)) {
      out.add(read(r.dir()));
    }
    return out;
  }

  /** A numeric result, such as {@code test_bleu} or {@code dev_loss}. */
  public double metric(String name) {
    Object v = results.get(name);
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException(
          "run " + directory + " has no numeric result '" + name + "'; it has " + results.keySet());
    }
    return n.doubleValue();
  }

  public String name() {
    return String.valueOf(results.get("name"));
  }

  public long steps() {
    return (long) metric("steps");
  }

  public long bestStep() {
    return (long) metric("best_step");
  }

  public long parameters() {
    return (long) metric("parameters");
  }

  /** Why training ended: completed, time_budget, unit_budget or early_stopping. */
  public String stopReason() {
    return String.valueOf(results.get("stop_reason"));
  }
}
