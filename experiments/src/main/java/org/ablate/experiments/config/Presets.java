package org.ablate.experiments.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.ablate.core.config.ConfigException;
import org.ablate.core.config.ConfigTree;
import org.ablate.core.config.Origin;
import org.ablate.core.config.Suggestions;
import org.ablate.core.plugin.Plugins;
import org.ablate.core.registry.ComponentSources;

/**
 * The named presets an experiment starts from with {@code preset: NAME}: Ablate's own catalog, the
 * catalogs of plugin jars ({@value #PLUGIN_CATALOG}), and the user's catalogs in a {@code presets/}
 * folder next to the experiment file (every {@code *.yaml} there). A catalog maps preset names to
 * partial experiments, each with an optional {@code about:} line. A name defined twice is an error
 * naming both places. Merge order: preset < files < {@code --set}.
 *
 * <pre>{@code
 * # presets/my-presets.yaml
 * tiny-copy:
 *   about: the copy task with a two-layer Transformer
 *   model: {type: transformer, d_model: 64, encoder_layers: 2, decoder_layers: 2}
 * }</pre>
 */
public final class Presets {
  /** Where a plugin jar keeps its preset catalog. */
  public static final String PLUGIN_CATALOG = "META-INF/ablate/presets.yaml";

  private static final String RESOURCE = "/org/ablate/experiments/presets.yaml";

  /** One preset: its partial experiment, its description and where it was defined. */
  public record Preset(String name, ConfigTree tree, String about, String origin) {}

  private final Map<String, Preset> presets;

  private Presets(Map<String, Preset> presets) {
    this.presets = presets;
  }

  /** Ablate's own catalog. */
  public static Presets builtIn() {
    return builtIn(Plugins.classPath());
  }

  /** Ablate's own catalog and the catalogs of {@code plugins}. */
  public static Presets builtIn(Plugins plugins) {
    Map<String, Preset> out = new LinkedHashMap<>();
    String text;
    try (InputStream in = Presets.class.getResourceAsStream(RESOURCE)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException(
          "preset catalog " + RESOURCE + " is missing from the class path", e);
    }
    addCatalog(out, ConfigTree.parse(text, "presets.yaml"), ComponentSources.BUILT_IN);
    Set<String> seen = new LinkedHashSet<>();
    for (ClassLoader loader : plugins.loaders()) {
      try {
        for (URL url : java.util.Collections.list(loader.getResources(PLUGIN_CATALOG))) {
          if (seen.add(url.toString())) {
            try (InputStream in = url.openStream()) {
              String origin = jarOf(url);
              addCatalog(
                  out,
                  ConfigTree.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), origin),
                  origin);
            }
          }
        }
      } catch (IOException e) {
        throw new ConfigException("a plugin's preset catalog cannot be read: " + e.getMessage());
      }
    }
    return new Presets(out);
  }

  /**
   * These presets plus the catalogs in the {@code presets/} folder next to each of {@code
   * experiments} (relative to its folder; deduplicated).
   */
  public Presets withFoldersOf(Collection<Path> experiments) {
    Map<String, Preset> out = new LinkedHashMap<>(presets);
    Set<Path> folders = new LinkedHashSet<>();
    for (Path file : experiments) {
      Path parent = file.toAbsolutePath().normalize().getParent();
      if (parent != null) {
        folders.add(parent.resolve("presets"));
      }
    }
    for (Path folder : folders) {
      if (!Files.isDirectory(folder)) {
        continue;
      }
      List<Path> catalogs;
      try (Stream<Path> files = Files.list(folder)) {
        catalogs =
            files
                .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                .sorted()
                .toList();
      } catch (IOException e) {
        throw new ConfigException("preset folder " + folder + " cannot be read: " + e.getMessage());
      }
      for (Path catalog : catalogs) {
        addCatalog(out, ConfigTree.load(catalog), catalog.toString());
      }
    }
    return new Presets(out);
  }

  @SuppressWarnings("unchecked")
  private static void addCatalog(Map<String, Preset> out, ConfigTree catalog, String origin) {
    for (Map.Entry<String, Object> e : catalog.root().entrySet()) {
      if (!(e.getValue() instanceof Map<?, ?> raw)) {
        throw new ConfigException(
            catalog.origin(e.getKey())
                + ": preset '"
                + e.getKey()
                + "' must be a mapping (a partial experiment such as {model: {...}}), not "
                + (e.getValue() == null ? "empty" : "'" + e.getValue() + "'")
                + ".");
      }
      Map<String, Object> body = new LinkedHashMap<>((Map<String, Object>) raw);
      Object about = body.remove("about");
      ConfigTree tree = ConfigTree.empty();
      body.forEach(
          (k, v) -> tree.set(k, v, new Origin("preset " + e.getKey() + " (" + origin + ")", 0)));
      Preset preset = new Preset(e.getKey(), tree, about == null ? "" : about.toString(), origin);
      Preset before = out.putIfAbsent(e.getKey(), preset);
      if (before != null) {
        throw new ConfigException(
            catalog.origin(e.getKey())
                + ": preset '"
                + e.getKey()
                + "' is already defined by "
                + describe(before.origin())
                + "; preset names must be unique, so rename one of them.");
      }
    }
  }

  private static String describe(String origin) {
    return origin.equals(ComponentSources.BUILT_IN) ? "Ablate's own catalog" : origin;
  }

  private static String jarOf(URL url) {
    String s = url.toString();
    if (s.startsWith("jar:file:") && s.contains("!/")) {
      return s.substring("jar:file:".length(), s.indexOf("!/"));
    }
    return s;
  }

  public ConfigTree get(String name, Origin origin) {
    Preset preset = presets.get(name);
    if (preset == null) {
      throw new ConfigException(
          origin
              + ": preset '"
              + name
              + "' is not defined"
              + Suggestions.didYouMean(name, presets.keySet())
              + "; known presets: "
              + presets.keySet()
              + " (from Ablate's catalog, plugin jars, and the presets/ folder next to the"
              + " experiment file).");
    }
    return preset.tree().copy();
  }

  public boolean has(String name) {
    return presets.containsKey(name);
  }

  public Set<String> names() {
    return presets.keySet();
  }

  /** Every preset, in catalog order. */
  public List<Preset> all() {
    return new ArrayList<>(presets.values());
  }
}
