package org.ablate.experiments.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ablate.core.AblateException;
import org.ablate.experiments.run.ExperimentRunner;
import org.ablate.training.io.JsonFiles;
import org.ablate.training.loop.MetricsLog;

/**
 * A finished run as a report sees it: its group label (the sweep trial's label, or the experiment
 * name), its sweep arm and the values of the sweep's varied keys (the label and none outside a
 * sweep), seed, results, metric history, per-example details of the test split and of each extra
 * test set ({@code test_<name>_details.jsonl}, by name), and provenance.
 */
public record RunRecord(
    Path dir,
    String label,
    String arm,
    Map<String, Object> dimensions,
    long seed,
    Map<String, Object> results,
    List<Map<String, Object>> history,
    List<Map<String, Object>> details,
    Map<String, List<Map<String, Object>>> extraDetails,
    Map<String, Object> provenance) {

  /** Every finished run (a folder with results.json) at or below the given folders. */
  public static List<RunRecord> find(List<Path> roots) {
    List<RunRecord> out = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        throw new AblateException(
            root + " is not a folder; pass run folders or sweep folders to compare.");
      }
      try (Stream<Path> walk = Files.walk(root, 5)) {
        for (Path results :
            walk.filter(p -> p.getFileName().toString().equals(ExperimentRunner.RESULTS))
                .sorted()
                .toList()) {
          out.add(load(results.getParent()));
        }
      } catch (IOException e) {
        throw new AblateException("cannot read " + root + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static RunRecord load(Path dir) {
    try {
      Map<String, Object> results = JsonFiles.readObject(dir.resolve(ExperimentRunner.RESULTS));
      String label = String.valueOf(results.get("name"));
      String arm = label;
      Map<String, Object> dimensions = Map.of();
      Path trial = dir.getParent() == null ? null : dir.getParent().resolve("trial.json");
      if (trial != null && Files.exists(trial)) {
        Map<String, Object> meta = JsonFiles.readObject(trial);
        label = String.valueOf(meta.get("label"));
        arm = meta.get("arm") instanceof String a && !a.isEmpty() ? a : label;
        if (meta.get("dimensions") instanceof Map<?, ?> d) {
          dimensions = (Map<String, Object>) d;
        }
      }
      long seed = results.containsKey("seed") ? JsonFiles.number(results, "seed").longValue() : 0;
      List<Map<String, Object>> details = readLines(dir.resolve("test_details.jsonl"));
      Map<String, List<Map<String, Object>>> extra = new java.util.TreeMap<>();
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) {
          java.util.regex.Matcher m =
              java.util.regex.Pattern.compile("test_(.+)_details\\.jsonl")
                  .matcher(f.getFileName().toString());
          if (m.matches()) {
            extra.put(m.group(1), readLines(f));
          }
        }
      }
      Path prov = dir.resolve("provenance.json");
      Map<String, Object> provenance = Files.exists(prov) ? JsonFiles.readObject(prov) : Map.of();
      return new RunRecord(
          dir,
          label,
          arm,
          dimensions,
          seed,
          results,
          MetricsLog.read(dir.resolve("metrics.jsonl")),
          details,
          extra,
          provenance);
    } catch (IOException e) {
      throw new AblateException(
          "cannot read the run in "
              + dir
              + ": a file of it cannot be read ("
              + JsonFiles.reason(e)
              + ").",
          e);
    }
  }

  /** The JSON objects of a JSON-lines file, none when it does not exist. */
  private static List<Map<String, Object>> readLines(Path file) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          rows.add(JsonFiles.readObject(line));
        }
      }
    }
    return rows;
  }

  /** A numeric result, or null. */
  public Double number(String key) {
    Object v = results.get(key);
    return v instanceof Number n ? n.doubleValue() : null;
  }
}
