package org.ablate.experiments.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ablate.experiments.config.ConfigLoader;

/**
 * Finds the finished trials of a sweep folder that an earlier version of Ablate named differently.
 * A trial's key hashes its whole resolved config, so a config key added since (say {@code
 * model.stem_channels}, whose default reproduces the old model) renames every trial, and a sweep
 * run again after an upgrade would train its finished trials again. Here each finished trial folder
 * that no planned trial names has its saved {@code experiment.yaml} resolved again by this version,
 * which fills in the new keys with their defaults; a planned trial without a folder of its own
 * whose resolved config is the same, byte for byte, takes that folder. A config that no longer
 * loads, or that resolves to anything else (a default that changed, say), adopts nothing, so such
 * trials train again rather than pass off another config's results. Adopted folders are not
 * touched.
 */
final class FinishedTrials {
  private FinishedTrials() {}

  /** {@code trials}, each that has no folder under {@code dir} keyed to the one it adopts. */
  static List<Trial> adopt(List<Trial> trials, Path dir, ConfigLoader loader) {
    Path folder = dir.resolve("trials");
    if (!Files.isDirectory(folder)) {
      return trials;
    }
    Set<String> planned = trials.stream().map(Trial::key).collect(Collectors.toSet());
    Map<String, String> byConfig = new HashMap<>();
    for (Path old : orphans(folder, planned)) {
      String resolved = resolvedAgain(old.resolve(SweepRunner.EXPERIMENT), loader);
      if (resolved != null) {
        byConfig.putIfAbsent(resolved, old.getFileName().toString());
      }
    }
    List<Trial> out = new ArrayList<>();
    for (Trial t : trials) {
      String key = byConfig.get(t.resolvedYaml());
      boolean own = Files.exists(folder.resolve(t.key()));
      out.add(
          key == null || own
              ? t
              : new Trial(t.arm(), t.dimensions(), t.seed(), t.config(), t.resolvedYaml(), key));
    }
    return out;
  }

  /** Finished trial folders that no planned trial names. */
  private static List<Path> orphans(Path folder, Set<String> planned) {
    try (Stream<Path> children = Files.list(folder)) {
      return children
          .filter(p -> !planned.contains(p.getFileName().toString()))
          .filter(SweepRunner::finished)
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of(); // an unreadable folder adopts nothing: its trials run again
    }
  }

  private static String resolvedAgain(Path experiment, ConfigLoader loader) {
    if (!Files.isRegularFile(experiment)) {
      return null;
    }
    try {
      return loader.resolvedYaml(loader.load(List.of(experiment), List.of()));
    } catch (RuntimeException e) {
      return null; // written by a version whose keys this one no longer reads
    }
  }
}
