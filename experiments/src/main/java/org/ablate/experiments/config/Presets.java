package org.ablate.experiments.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.ablate.core.config.ConfigException;
import org.ablate.core.config.ConfigTree;
import org.ablate.core.config.Origin;
import org.ablate.core.config.Suggestions;

/**
 * The catalog of named presets ({@code presets.yaml} on the class path): each preset is a partial
 * experiment that files build on with {@code preset: NAME}. Merge order: preset < files < {@code
 * --set}.
 */
public final class Presets {
  private static final String RESOURCE = "/org/ablate/experiments/presets.yaml";
  private final Map<String, ConfigTree> presets = new LinkedHashMap<>();
  private final Map<String, String> descriptions = new LinkedHashMap<>();

  @SuppressWarnings("unchecked")
  public Presets() {
    String text;
    try (InputStream in = Presets.class.getResourceAsStream(RESOURCE)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException(
          "preset catalog " + RESOURCE + " is missing from the class path", e);
    }
    ConfigTree catalog = ConfigTree.parse(text, "presets.yaml");
    for (Map.Entry<String, Object> e : catalog.root().entrySet()) {
      Map<String, Object> body = new LinkedHashMap<>((Map<String, Object>) e.getValue());
      Object description = body.remove("about");
      descriptions.put(e.getKey(), description == null ? "" : description.toString());
      ConfigTree tree = ConfigTree.empty();
      body.forEach((k, v) -> tree.set(k, v, new Origin("preset " + e.getKey(), 0)));
      presets.put(e.getKey(), tree);
    }
  }

  public ConfigTree get(String name, Origin origin) {
    ConfigTree tree = presets.get(name);
    if (tree == null) {
      throw new ConfigException(
          origin
              + ": preset '"
              + name
              + "' is not in the catalog"
              + Suggestions.didYouMean(name, presets.keySet())
              + "; known presets: "
              + presets.keySet()
              + ".");
    }
    return tree.copy();
  }

  public Set<String> names() {
    return presets.keySet();
  }

  public String description(String name) {
    return descriptions.getOrDefault(name, "");
  }
}
