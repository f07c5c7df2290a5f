package org.ablate.experiments.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ablate.core.config.ConfigBinder;
import org.ablate.core.config.ConfigException;
import org.ablate.core.config.ConfigSchema;
import org.ablate.core.config.ConfigTree;
import org.ablate.core.config.ConfigWriter;
import org.ablate.core.registry.Registry;

/**
 * Loads an experiment: the preset named by the files (if any), then each file (rightmost wins),
 * then {@code --set} overrides, bound and checked against {@link ExperimentConfig} with the
 * registry's components. Nothing is trained before this succeeds.
 */
public final class ConfigLoader {
  private final Presets presets;
  private final Registry registry;
  private final ConfigBinder binder;
  private final ConfigWriter writer;

  public ConfigLoader(Presets presets, Registry registry) {
    this.presets = presets;
    this.registry = registry;
    this.binder = new ConfigBinder(registry);
    this.writer = new ConfigWriter(new ConfigSchema(registry));
  }

  /** The merged, untyped tree. */
  public ConfigTree tree(List<Path> files, List<String> overrides) {
    ConfigTree over = ConfigTree.empty();
    for (String assignment : overrides) {
      over = over.merge(ConfigTree.override(assignment));
    }
    return tree(files, over);
  }

  /**
   * Files merged left to right, then {@code overrides}, then the preset they name (if any) merged
   * beneath everything: preset < files < overrides. Presets come from Ablate's catalog, the plugin
   * jars, and the {@code presets/} folders next to the files.
   */
  public ConfigTree tree(List<Path> files, ConfigTree overrides) {
    ConfigTree merged = ConfigTree.empty();
    for (Path file : files) {
      merged = merged.merge(load(file));
    }
    return withPreset(describeSwappedPreset(merged, overrides, files), files);
  }

  /**
   * {@code files} merged with {@code overrides}; when the overrides swap the files' preset for
   * another and leave the description alone, the files' description (written for their preset, e.g.
   * "d_model 256, 3+3 layers") is replaced by the new preset's own, so that no resolved config
   * describes a model it does not hold.
   */
  private ConfigTree describeSwappedPreset(
      ConfigTree files, ConfigTree overrides, List<Path> paths) {
    ConfigTree merged = files.merge(overrides);
    Object before = files.get("preset").orElse(null);
    Object after = overrides.get("preset").orElse(null);
    if (after == null
        || after.equals(before)
        || overrides.get("description").isPresent()
        || files.get("description").isEmpty()) {
      return merged;
    }
    Presets known = presets.withFoldersOf(paths);
    String about =
        known.all().stream()
            .filter(p -> p.name().equals(String.valueOf(after)))
            .map(Presets.Preset::about)
            .filter(a -> a != null && !a.isBlank())
            .findFirst()
            .orElse("");
    merged.set(
        "description",
        ("preset " + after + (about.isEmpty() ? "" : ": " + about)).strip(),
        overrides.origin("preset"));
    return merged;
  }

  /**
   * {@code merged} with the preset it names (if any) merged beneath it; {@code files} locate the
   * user's {@code presets/} folders.
   */
  public ConfigTree withPreset(ConfigTree merged, List<Path> files) {
    Object preset = merged.get("preset").orElse(null);
    if (preset == null) {
      return merged;
    }
    Presets known = presets.withFoldersOf(files);
    if (!known.has(String.valueOf(preset)) && isResolved(merged)) {
      return merged;
    }
    return known.get(String.valueOf(preset), merged.origin("preset")).merge(merged);
  }

  /**
   * True for a config that Ablate resolved (a run folder's {@code config.yaml}, a sweep trial's
   * {@code experiment.yaml}): every key is set, so its preset has been merged already and need not
   * be found again where the file now lives.
   */
  private boolean isResolved(ConfigTree tree) {
    try {
      String again = resolvedYaml(binder.bind(ExperimentConfig.class, tree));
      return ConfigTree.parse(again, "resolved").root().equals(tree.root());
    } catch (ConfigException e) {
      return false;
    }
  }

  /** Keys only a sweep file has at its top level. */
  public static final java.util.Set<String> SWEEP_KEYS =
      java.util.Set.of("base", "grid", "paired", "random", "arms", "seeds", "parallel");

  /** An experiment file, refused with the right advice when it is a sweep file. */
  private static ConfigTree load(Path file) {
    ConfigTree relaxed = ConfigTree.load(file, true);
    java.util.Set<String> keys = relaxed.root().keySet();
    if (!keys.contains("model")
        && !keys.contains("data")
        && keys.stream().anyMatch(SWEEP_KEYS::contains)) {
      throw new ConfigException(
          file
              + " is a sweep file (it has "
              + keys.stream().filter(SWEEP_KEYS::contains).findFirst().orElseThrow()
              + ":), not an experiment; run it with ./ablate sweep "
              + file
              + ".");
    }
    return ConfigTree.load(file);
  }

  public ExperimentConfig bind(ConfigTree tree) {
    return binder.bind(ExperimentConfig.class, tree);
  }

  public ExperimentConfig load(List<Path> files, List<String> overrides) {
    if (files.isEmpty()) {
      throw new ConfigException(
          "no experiment file given; pass one, for example configs/copy-transformer.yaml.");
    }
    return bind(tree(files, overrides));
  }

  /** {@code config} with one key set, e.g. {@code with(config, "training.precision=float32")}. */
  public ExperimentConfig with(ExperimentConfig config, String assignment) {
    return bind(
        ConfigTree.parse(resolvedYaml(config), "the resolved config")
            .merge(ConfigTree.override(assignment)));
  }

  /** The resolved config as a YAML tree (every default filled in). */
  public String resolvedYaml(ExperimentConfig config) {
    Map<String, Object> tree = writer.toTree(config);
    return ConfigTree.toYaml(tree);
  }

  public Presets presets() {
    return presets;
  }

  public Registry registry() {
    return registry;
  }
}
