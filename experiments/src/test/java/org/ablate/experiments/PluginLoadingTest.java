package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ablate.api.Ablate;
import org.ablate.core.config.ConfigException;
import org.ablate.core.plugin.PluginException;
import org.ablate.core.registry.Registry;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.experiments.config.Presets;
import org.ablate.experiments.run.Assembly;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin jars, compiled here from source, are found with ServiceLoader and used like Ablate's own
 * components; broken ones are refused with a message naming the jar and the name.
 */
class PluginLoadingTest {
  private static final String TINY =
      """
      name: tiny
      data: {type: synthetic, task: copy, vocab: 8, min_length: 2, max_length: 6, dev_size: 10, test_size: 10}
      model: {type: transformer, d_model: 16, heads: 2, d_ff: 32, encoder_layers: 1, decoder_layers: 1, max_length: 16}
      """;

  private static Path plugin(Path dir, String jar, String module, String body) throws Exception {
    return PluginJars.jar(
        dir.resolve(jar),
        Map.of(module, PluginJars.module(module, body)),
        PluginJars.services("demo." + module));
  }

  private static String origin(Registry registry, String slot, String name) {
    return registry.entries(slot).stream()
        .filter(e -> e.name().equals(name))
        .findFirst()
        .orElseThrow()
        .origin();
  }

  @Test
  void aPluginsComponentIsChosenFromYamlAndBuilt(@TempDir Path dir) throws Exception {
    Path jar = plugin(dir, "swish.jar", "SwishModule", PluginJars.feedForward("gelu_plugin"));
    Ablate ablate = Ablate.withPlugins(List.of(jar));
    assertEquals(jar.toString(), origin(ablate.registry(), "feed_forward", "gelu_plugin"));
    assertEquals("built in", origin(ablate.registry(), "feed_forward", "relu"));
    ExperimentConfig config =
        ablate.config().yaml(TINY).set("model.feed_forward", "gelu_plugin").build();
    try (Assembly assembly = Assembly.build(config, ablate.injection(), null)) {
      assertTrue(assembly.model.network().tree().contains("gelu"), assembly.model.network().tree());
    }
    ConfigException without =
        assertThrows(
            ConfigException.class,
            () ->
                Tests.ABLATE.config().yaml(TINY).set("model.feed_forward", "gelu_plugin").build());
    assertTrue(
        without.getMessage().contains("not a registered feed_forward component")
            && without.getMessage().contains("--plugins"),
        without.getMessage());
  }

  @Test
  void aFolderOfJarsIsOnePluginAndItsPresetsAreListed(@TempDir Path dir) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("plugins"));
    Map<String, String> resources = new HashMap<>(PluginJars.services("demo.SwishModule"));
    resources.put(
        Presets.PLUGIN_CATALOG,
        "tiny-swish:\n  about: from the plugin\n  model: {type: transformer, feed_forward: gelu_plugin}\n");
    PluginJars.jar(
        folder.resolve("swish.jar"),
        Map.of(
            "SwishModule", PluginJars.module("SwishModule", PluginJars.feedForward("gelu_plugin"))),
        resources);
    PluginJars.jar(folder.resolve("library.jar"), Map.of(), Map.of("notes.txt", "a dependency"));
    Ablate ablate = Ablate.withPlugins(List.of(folder));
    assertTrue(ablate.registry().names().get("feed_forward").contains("gelu_plugin"));
    Presets.Preset preset =
        ablate.loader().presets().all().stream()
            .filter(p -> p.name().equals("tiny-swish"))
            .findFirst()
            .orElseThrow();
    assertEquals(folder.resolve("swish.jar").toAbsolutePath().toString(), preset.origin());
    assertEquals("from the plugin", preset.about());
  }

  @Test
  void aMissingModuleClassNamesTheJarAndTheClass(@TempDir Path dir) throws Exception {
    Path jar =
        PluginJars.jar(dir.resolve("broken.jar"), Map.of(), PluginJars.services("demo.Missing"));
    PluginException e = assertThrows(PluginException.class, () -> Ablate.withPlugins(List.of(jar)));
    assertTrue(
        e.getMessage().contains(jar.toString()) && e.getMessage().contains("demo.Missing"),
        e.getMessage());
  }

  @Test
  void aBuiltInNameIsRefused(@TempDir Path dir) throws Exception {
    Path jar = plugin(dir, "impostor.jar", "ReluModule", PluginJars.feedForward("relu"));
    PluginException e = assertThrows(PluginException.class, () -> Ablate.withPlugins(List.of(jar)));
    assertTrue(
        e.getMessage().contains(jar.toString())
            && e.getMessage().contains("feed_forward 'relu'")
            && e.getMessage().contains("already has built in"),
        e.getMessage());
  }

  @Test
  void twoPluginsWithOneNameAreRefused(@TempDir Path dir) throws Exception {
    Path a = plugin(dir, "a.jar", "AModule", PluginJars.feedForward("twice"));
    Path b = plugin(dir, "b.jar", "BModule", PluginJars.feedForward("twice"));
    PluginException e =
        assertThrows(PluginException.class, () -> Ablate.withPlugins(List.of(a, b)));
    assertTrue(
        e.getMessage().contains("'twice' is registered by both " + a + " and " + b),
        e.getMessage());
  }

  @Test
  void aModuleThatThrowsIsNamed(@TempDir Path dir) throws Exception {
    Path jar =
        plugin(
            dir,
            "thrower.jar",
            "ThrowingModule",
            "throw new IllegalStateException(\"no GPU here\");");
    PluginException e = assertThrows(PluginException.class, () -> Ablate.withPlugins(List.of(jar)));
    assertTrue(
        e.getMessage().contains(jar.toString())
            && e.getMessage().contains("demo.ThrowingModule")
            && e.getMessage().contains("no GPU here"),
        e.getMessage());
  }

  @Test
  void pathsThatHoldNoPluginAreRefused(@TempDir Path dir) throws Exception {
    Path text = Files.writeString(dir.resolve("notes.jar"), "not a zip");
    assertTrue(
        assertThrows(PluginException.class, () -> Ablate.withPlugins(List.of(text)))
            .getMessage()
            .contains("is not a jar"));
    Path none = dir.resolve("nowhere.jar");
    assertTrue(
        assertThrows(PluginException.class, () -> Ablate.withPlugins(List.of(none)))
            .getMessage()
            .contains("does not exist"));
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertTrue(
        assertThrows(PluginException.class, () -> Ablate.withPlugins(List.of(empty)))
            .getMessage()
            .contains("holds no .jar files"));
    Path plain = PluginJars.jar(dir.resolve("plain.jar"), Map.of(), Map.of("a.txt", "x"));
    assertTrue(
        assertThrows(PluginException.class, () -> Ablate.withPlugins(List.of(plain)))
            .getMessage()
            .contains("holds no Ablate plugin"));
  }

  @Test
  void theCommandLineTakesPluginsAndExplainsWithThem(@TempDir Path dir) throws Exception {
    Path jar = plugin(dir, "swish.jar", "SwishModule", PluginJars.feedForward("gelu_plugin"));
    Path config = Files.writeString(dir.resolve("tiny.yaml"), TINY + "\n");
    CliTest.Run list = CliTest.cli("list", "--plugins", jar.toString());
    assertEquals(0, list.code(), list.err());
    assertTrue(
        list.out()
            .matches(
                "(?s).*\\n  gelu_plugin +"
                    + java.util.regex.Pattern.quote(jar.toString())
                    + "\\n.*"),
        list.out());
    CliTest.Run explain =
        CliTest.cli(
            "explain",
            config.toString(),
            "--plugins",
            jar.toString(),
            "--set",
            "model.feed_forward=gelu_plugin");
    assertEquals(0, explain.code(), explain.err());
    assertTrue(
        explain.out().matches("(?s).*model\\.feed_forward +gelu_plugin\\n.*"), explain.out());
    CliTest.Run broken = CliTest.cli("list", "--plugins", dir.resolve("missing.jar").toString());
    assertEquals(2, broken.code());
    assertTrue(broken.err().contains("missing.jar does not exist"), broken.err());
    assertTrue(!broken.err().contains("\tat "), broken.err());
  }
}
