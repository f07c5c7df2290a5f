package org.ablate.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ablate.core.config.ConfigTree;
import org.ablate.core.config.Origin;
import org.ablate.experiments.config.ConfigLoader;
import org.ablate.experiments.config.ExperimentConfig;

/**
 * Composes an experiment config in code, with the same merge order and checks as the command line:
 * preset < files and YAML text (in the order given) < {@link #set} overrides. Every problem is
 * reported by {@link #build} as a {@link org.ablate.core.config.ConfigException} naming the key and
 * where it came from.
 *
 * <pre>{@code
 * ExperimentConfig c = ablate.config()
 *     .preset("transformer-tiny")
 *     .yaml("name: copy\ndata: {type: synthetic, task: copy}")
 *     .set("training.steps", 100)
 *     .build();
 * }</pre>
 */
public final class ConfigBuilder {
  private final ConfigLoader loader;
  private final List<Path> files = new ArrayList<>();
  private ConfigTree merged = ConfigTree.empty();
  private final ConfigTree overrides = ConfigTree.empty();
  private int texts;

  ConfigBuilder(ConfigLoader loader) {
    this.loader = loader;
  }

  /** Starts from a named preset (Ablate's, a plugin's, or one next to the files). */
  public ConfigBuilder preset(String name) {
    merged.set("preset", name, new Origin("ConfigBuilder.preset", 0));
    return this;
  }

  /** Merges an experiment file. */
  public ConfigBuilder file(Path file) {
    files.add(file);
    merged = merged.merge(ConfigTree.load(file));
    return this;
  }

  /** Merges YAML text, as if it were a file. */
  public ConfigBuilder yaml(String text) {
    merged = merged.merge(ConfigTree.parse(text, "ConfigBuilder.yaml #" + ++texts));
    return this;
  }

  /**
   * Sets a dotted key, such as {@code model.d_model}, to a value: a number, text, boolean, list or
   * map. Overrides win over presets, files and YAML text.
   */
  public ConfigBuilder set(String key, Object value) {
    overrides.set(key, value, new Origin("ConfigBuilder.set(\"" + key + "\")", 0));
    return this;
  }

  /** The bound and checked config. */
  public ExperimentConfig build() {
    return loader.bind(loader.withPreset(merged.merge(overrides), files));
  }
}
