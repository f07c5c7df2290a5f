package org.ablate.experiments.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ablate.core.AblateException;
import org.ablate.core.config.ConfigException;
import org.ablate.core.config.ConfigTree;
import org.ablate.training.io.AtomicFiles;

/**
 * A run folder held by this process: locked for as long as it trains, its resolved {@code
 * config.yaml} written on a new run or checked on {@code --resume}, and every file the run writes
 * (provenance, results, per-example details, outputs) written atomically.
 */
final class RunFolder implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path dir;
  private final RunLock lock;

  private RunFolder(Path dir, RunLock lock) {
    this.dir = dir;
    this.lock = lock;
  }

  /**
   * Locks {@code dir} and writes {@code resolvedYaml} as its config, or, when resuming, checks that
   * the folder was started with the same configuration (compared key by key, so a build that writes
   * the keys in another order still resumes it).
   */
  static RunFolder open(Path dir, String resolvedYaml, boolean resume) {
    RunLock lock = RunLock.acquire(dir);
    try {
      prepare(dir, resolvedYaml, resume);
      return new RunFolder(dir, lock);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static void prepare(Path dir, String resolved, boolean resume) {
    Path configFile = dir.resolve(ExperimentRunner.CONFIG);
    try {
      if (resume) {
        if (!Files.isRegularFile(configFile)) {
          throw new ConfigException(
              "--resume: "
                  + dir
                  + " holds no run (no "
                  + ExperimentRunner.CONFIG
                  + "); start a new run without --resume, or pass the folder of an earlier run.");
        }
        String saved = Files.readString(configFile, StandardCharsets.UTF_8);
        String difference =
            firstDifference(
                ConfigTree.parse(saved, configFile.toString()).root(),
                ConfigTree.parse(resolved, "now").root(),
                "");
        if (difference != null) {
          throw new ConfigException(
              "--resume: the configuration differs from the one "
                  + dir
                  + " was started with ("
                  + difference
                  + "); resuming would mix two experiments. Resume with the same config and --set"
                  + " values, or start a new --output-dir.");
        }
        return;
      }
      if (Files.exists(dir.resolve("checkpoints"))
          || Files.exists(dir.resolve(ExperimentRunner.RESULTS))) {
        throw new ConfigException(
            dir
                + " already holds a run; continue it with --resume, or choose another --output-dir"
                + " (nothing was overwritten).");
      }
      Files.createDirectories(dir);
      AtomicFiles.writeString(configFile, resolved);
    } catch (IOException e) {
      throw new AblateException("cannot prepare run folder " + dir + ": " + e.getMessage(), e);
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
      StringBuilder sb = new StringBuilder();
      for (Map<String, Object> line : lines) {
        sb.append(JSON.writeValueAsString(line)).append('\n');
      }
      AtomicFiles.writeString(dir.resolve(name), sb.toString());
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
