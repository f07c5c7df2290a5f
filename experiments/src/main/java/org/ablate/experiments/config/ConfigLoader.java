package org.ablate.experiments.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ablate.core.config.ConfigBinder;
import org.ablate.core.config.ConfigException;
import org.ablate.core.config.ConfigTree;

/**
 * Loads an experiment: the preset named by the files (if any), then each file (rightmost wins),
 * then {@code --set} overrides, bound and checked against {@link ExperimentConfig}. Nothing is
 * trained before this succeeds.
 */
public final class ConfigLoader {
  private final Presets presets;
  private final Map<String, Set<String>> slotNames;

  public ConfigLoader(Presets presets, Map<String, Set<String>> slotNames) {
    this.presets = presets;
    this.slotNames = slotNames;
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
   * beneath everything: preset < files < overrides.
   */
  public ConfigTree tree(List<Path> files, ConfigTree overrides) {
    ConfigTree merged = ConfigTree.empty();
    for (Path file : files) {
      merged = merged.merge(ConfigTree.load(file));
    }
    merged = merged.merge(overrides);
    Object preset = merged.get("preset").orElse(null);
    if (preset != null) {
      merged = presets.get(String.valueOf(preset), merged.origin("preset")).merge(merged);
    }
    return merged;
  }

  public ExperimentConfig bind(ConfigTree tree) {
    return new ConfigBinder(slotNames).bind(ExperimentConfig.class, tree);
  }

  public ExperimentConfig load(List<Path> files, List<String> overrides) {
    if (files.isEmpty()) {
      throw new ConfigException(
          "no experiment file given; pass one, for example configs/copy-transformer.yaml.");
    }
    return bind(tree(files, overrides));
  }

  /** The resolved config as a YAML tree (every default filled in). */
  @SuppressWarnings("unchecked")
  public static String resolvedYaml(ExperimentConfig config) {
    return ConfigTree.toYaml((Map<String, Object>) ConfigBinder.toTree(config));
  }
}
