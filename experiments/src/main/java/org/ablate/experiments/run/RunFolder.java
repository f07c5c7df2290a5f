package org.ablate.experiments.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ablate.core.AblateException;
import org.ablate.core.config.ConfigException;
import org.ablate.core.config.ConfigTree;
import org.ablate.experiments.config.ConfigLoader;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.training.io.AtomicFiles;
import org.ablate.training.io.JsonFiles;

/**
 * A run folder held by this process: locked for as long as it trains, its resolved {@code
 * config.yaml} written on a new run or checked on {@code --resume}, and every file the run writes
 * (provenance, results, per-example details, outputs) written atomically.
 *
 * <p>A finished run is never changed by a plain {@code --resume}: it is reported as finished. Only
 * a larger budget asked for explicitly ({@code training.steps}, {@code max_minutes}, {@code
 * max_units} or {@code budget_flops}) extends it, and the extension is recorded in {@code
 * extensions.jsonl}. A new run that fails before its first checkpoint leaves no folder behind.
 */
final class RunFolder implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The keys of the budget, the only ones a resumed run may change (to larger values). */
  private static final List<String> BUDGET =
      List.of(
          "training.steps", "training.max_minutes", "training.max_units", "training.budget_flops");

  /** What the folder held when it was opened. */
  enum State {
    NEW,
    RESUMING,
    FINISHED,
    EXTENDING
  }

  private final Path dir;
  private final RunLock lock;
  private final State state;
  private final boolean created;

  private RunFolder(Path dir, RunLock lock, State state, boolean created) {
    this.dir = dir;
    this.lock = lock;
    this.state = state;
    this.created = created;
  }

  /**
   * Opens {@code dir} for {@code config}: a new run (nothing may be there yet), or, with {@code
   * resume}, the run started there with the same configuration (the saved config is bound and
   * compared as a config, so a version of Ablate that writes keys in another order, or that added
   * keys whose defaults keep the old behaviour, still resumes it).
   */
  static RunFolder open(Path dir, ConfigLoader loader, ExperimentConfig config, boolean resume) {
    Path configFile = dir.resolve(ExperimentRunner.CONFIG);
    if (resume) {
      if (!Files.isRegularFile(configFile)) {
        throw new ConfigException(
            "--resume: "
                + dir
                + (Files.isDirectory(dir)
                    ? " holds no run (no " + ExperimentRunner.CONFIG + ")"
                    : " does not exist")
                + "; start a new run without --resume, or pass the folder of an earlier run.");
      }
      ExperimentConfig saved = loader.load(List.of(configFile), List.of());
      boolean finished = Files.exists(dir.resolve(ExperimentRunner.RESULTS));
      State state = compare(dir, loader, saved, config, finished);
      RunLock lock = RunLock.acquire(dir);
      RunFolder folder = new RunFolder(dir, lock, state, false);
      if (state == State.EXTENDING) {
        folder.recordExtension(loader, saved, config);
      }
      return folder;
    }
    if (Files.exists(dir.resolve("checkpoints"))
        || Files.exists(dir.resolve(ExperimentRunner.RESULTS))
        || Files.exists(configFile)) {
      throw new ConfigException(
          dir
              + " already holds a run; continue it with --resume, or choose another --output-dir"
              + " (nothing was overwritten).");
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new ConfigException(dir + " is a file, not a folder; choose another --output-dir.");
    }
    boolean created = !Files.exists(dir);
    RunLock lock = RunLock.acquire(dir);
    RunFolder folder = new RunFolder(dir, lock, State.NEW, created);
    try {
      AtomicFiles.writeString(configFile, loader.resolvedYaml(config));
      return folder;
    } catch (IOException | RuntimeException e) {
      folder.abandon();
      throw new AblateException("cannot prepare run folder " + dir + ": " + e.getMessage(), e);
    }
  }

  /** How a resume request relates to the saved config; fails on any change but a larger budget. */
  private static State compare(
      Path dir,
      ConfigLoader loader,
      ExperimentConfig saved,
      ExperimentConfig requested,
      boolean finished) {
    if (saved.equals(requested)) {
      return finished ? State.FINISHED : State.RESUMING;
    }
    Map<String, Object> before = ConfigTree.parse(loader.resolvedYaml(saved), "saved").root();
    Map<String, Object> after = ConfigTree.parse(loader.resolvedYaml(requested), "now").root();
    String difference = firstDifference(before, after, "");
    Map<String, Object> beforeBudget = removeBudget(before);
    Map<String, Object> afterBudget = removeBudget(after);
    if (!before.equals(after) || !larger(beforeBudget, afterBudget)) {
      throw new ConfigException(
          "--resume: the configuration differs from the one "
              + dir
              + " was started with ("
              + difference
              + "); resuming would mix two experiments. Resume with the same config and --set"
              + " values (only a larger training.steps, max_minutes, max_units or budget_flops may"
              + " extend a run), or start a new --output-dir.");
    }
    return State.EXTENDING;
  }

  /** Removes the budget keys from {@code tree}; returns their values. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> removeBudget(Map<String, Object> tree) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> training = (Map<String, Object>) tree.get("training");
    for (String key : BUDGET) {
      String leaf = key.substring("training.".length());
      out.put(key, training.remove(leaf));
    }
    return out;
  }

  /** True when every budget of {@code after} is at least that of {@code before}, one larger. */
  private static boolean larger(Map<String, Object> before, Map<String, Object> after) {
    boolean grew = false;
    for (String key : BUDGET) {
      Object b = before.get(key);
      Object a = after.get(key);
      if (Objects.equals(a, b)) {
        continue;
      }
      if (b == null) {
        return false; // a budget where there was none would shorten the run
      }
      if (a != null && ((Number) a).doubleValue() < ((Number) b).doubleValue()) {
        return false;
      }
      grew = true;
    }
    return grew;
  }

  /** Writes the extended budget into config.yaml and appends what changed to extensions.jsonl. */
  private void recordExtension(ConfigLoader loader, ExperimentConfig saved, ExperimentConfig now) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("extended", Instant.now().toString());
    line.put("steps", List.of(saved.training().steps(), now.training().steps()));
    line.put(
        "max_minutes",
        java.util.Arrays.asList(saved.training().maxMinutes(), now.training().maxMinutes()));
    line.put(
        "max_units",
        java.util.Arrays.asList(saved.training().maxUnits(), now.training().maxUnits()));
    line.put(
        "budget_flops",
        java.util.Arrays.asList(saved.training().budgetFlops(), now.training().budgetFlops()));
    line.put("results_before", readResults());
    try {
      Path log = dir.resolve("extensions.jsonl");
      String old = Files.exists(log) ? Files.readString(log) : "";
      AtomicFiles.writeString(log, old + JSON.writeValueAsString(line) + "\n");
      AtomicFiles.writeString(dir.resolve(ExperimentRunner.CONFIG), loader.resolvedYaml(now));
    } catch (IOException e) {
      throw new AblateException("cannot record the extension in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The finished run's results.json, or an empty map. */
  @SuppressWarnings("unchecked")
  Map<String, Object> readResults() {
    Path file = dir.resolve(ExperimentRunner.RESULTS);
    try {
      return Files.exists(file) ? JsonFiles.readObject(file) : Map.of();
    } catch (IOException e) {
      throw new AblateException(
          file
              + " cannot be read: "
              + JsonFiles.reason(e)
              + ". It is written when a run finishes; if the run did finish, restore the file"
              + " from a copy, or train in a new folder.",
          e);
    }
  }

  /** The first key whose value differs between two config trees, or null when they are equal. */
  @SuppressWarnings("unchecked")
  static String firstDifference(Map<String, Object> saved, Map<String, Object> now, String path) {
    java.util.Set<String> keys = new java.util.LinkedHashSet<>(saved.keySet());
    keys.addAll(now.keySet());
    for (String key : keys) {
      String p = path.isEmpty() ? key : path + "." + key;
      Object a = saved.get(key);
      Object b = now.get(key);
      if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
        String inner = firstDifference((Map<String, Object>) ma, (Map<String, Object>) mb, p);
        if (inner != null) {
          return inner;
        }
      } else if (!Objects.equals(a, b) || saved.containsKey(key) != now.containsKey(key)) {
        return p
            + ": saved "
            + (saved.containsKey(key) ? String.valueOf(a) : "(no such key)")
            + ", now "
            + (now.containsKey(key) ? String.valueOf(b) : "(no such key)");
      }
    }
    return null;
  }

  Path dir() {
    return dir;
  }

  State state() {
    return state;
  }

  /**
   * After a failure: deletes the folder when this command created it and no checkpoint was written,
   * so a failed command leaves nothing behind; otherwise only releases the lock.
   */
  void abandon() {
    lock.close();
    if (!created || Files.exists(dir.resolve("checkpoints"))) {
      return;
    }
    try {
      AtomicFiles.deleteTree(dir);
    } catch (IOException e) {
      // best effort: the folder holds no checkpoint, so nothing of value is lost
    }
  }

  void writeJson(String name, Object value) {
    try {
      AtomicFiles.write(
          dir.resolve(name), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
    } catch (IOException e) {
      throw new AblateException("cannot write " + dir.resolve(name) + ": " + e.getMessage(), e);
    }
  }

  /** One JSON object per line (read by the comparison report's bootstrap tests). */
  void writeJsonLines(String name, List<Map<String, Object>> lines) {
    if (lines.isEmpty()) {
      return;
    }
    try {
      AtomicFiles.writeString(dir.resolve(name), JsonFiles.lines(lines));
    } catch (IOException e) {
      throw new AblateException("cannot write " + dir.resolve(name) + ": " + e.getMessage(), e);
    }
  }

  void writeLines(String name, List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    try {
      AtomicFiles.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    } catch (IOException e) {
      throw new AblateException("cannot write " + dir.resolve(name) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    lock.close();
  }
}
