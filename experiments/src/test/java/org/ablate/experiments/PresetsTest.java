package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ablate.core.config.ConfigException;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.models.config.TransformerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Presets from a presets/ folder next to the experiment, beside Ablate's own catalog. */
class PresetsTest {
  private static final String EXPERIMENT =
      """
      name: copy
      preset: my-copy
      data: {type: synthetic, task: copy}
      """;

  private static Path project(Path dir, String catalog) throws Exception {
    Files.createDirectories(dir.resolve("presets"));
    Files.writeString(dir.resolve("presets/mine.yaml"), catalog);
    return Files.writeString(dir.resolve("exp.yaml"), EXPERIMENT);
  }

  @Test
  void aPresetNextToTheExperimentIsUsedAndListedWithItsFile(@TempDir Path dir) throws Exception {
    Path exp =
        project(
            dir,
            """
            my-copy:
              about: a small copy model
              model: {type: transformer, d_model: 48, heads: 4, encoder_layers: 1}
            """);
    ExperimentConfig config = Tests.loader().load(List.of(exp), List.of("model.heads=2"));
    TransformerConfig model = (TransformerConfig) config.model();
    assertEquals(48, model.block().dModel(), "from the preset");
    assertEquals(2, model.block().heads(), "--set wins over the preset");
    assertEquals(1, model.encoderLayers());
    CliTest.Run list = CliTest.cli("list", exp.toString());
    assertEquals(0, list.code(), list.err());
    assertTrue(
        list.out()
            .matches(
                "(?s).*  my-copy +"
                    + java.util.regex.Pattern.quote(dir.resolve("presets/mine.yaml").toString())
                    + " +a small copy model.*"),
        list.out());
    assertTrue(list.out().matches("(?s).*  transformer-base +built in .*"), list.out());
  }

  /**
   * A preset swapped in by --set (or a sweep arm's set) replaces the file's description, which was
   * written for the file's preset; an explicit description, or the file's own preset, keeps it.
   */
  @Test
  void swappingThePresetReplacesTheFilesDescription() {
    Path file = Repo.root().resolve("configs/mt-transformer.yaml");
    String own = Tests.loader().load(List.of(file), List.of()).description();
    assertTrue(own.contains("d_model 256"), own);
    String swapped =
        Tests.loader().load(List.of(file), List.of("preset=transformer-tiny")).description();
    assertTrue(swapped.startsWith("preset transformer-tiny: A tiny Transformer"), swapped);
    assertTrue(swapped.contains("d_model 128") && !swapped.contains("d_model 256"), swapped);
    assertEquals(
        "mine",
        Tests.loader()
            .load(List.of(file), List.of("preset=transformer-tiny", "description=mine"))
            .description());
    assertEquals(
        own, Tests.loader().load(List.of(file), List.of("preset=transformer-small")).description());
  }

  @Test
  void aNameTakenByAblatesCatalogIsAnErrorNamingBoth(@TempDir Path dir) throws Exception {
    Path exp = project(dir, "transformer-base:\n  model: {type: transformer}\n");
    ConfigException e =
        assertThrows(ConfigException.class, () -> Tests.loader().load(List.of(exp), List.of()));
    assertTrue(
        e.getMessage().contains("presets/mine.yaml:")
            && e.getMessage()
                .contains("preset 'transformer-base' is already defined by Ablate's own catalog"),
        e.getMessage());
  }

  @Test
  void anUnknownPresetListsTheKnownOnes(@TempDir Path dir) throws Exception {
    Path exp = project(dir, "my-cop:\n  model: {type: transformer}\n");
    ConfigException e =
        assertThrows(ConfigException.class, () -> Tests.loader().load(List.of(exp), List.of()));
    assertTrue(
        e.getMessage().contains("exp.yaml:2")
            && e.getMessage().contains("preset 'my-copy' is not defined (did you mean 'my-cop'?)"),
        e.getMessage());
  }

  @Test
  void aResolvedConfigLoadsWhereItsPresetIsNotAround(@TempDir Path dir) throws Exception {
    Path exp = project(dir, "my-copy:\n  model: {type: transformer, d_model: 48, heads: 4}\n");
    ExperimentConfig config = Tests.loader().load(List.of(exp), List.of());
    Path elsewhere = Files.createDirectories(dir.resolve("run"));
    Path resolved =
        Files.writeString(elsewhere.resolve("config.yaml"), Tests.loader().resolvedYaml(config));
    assertEquals(config, Tests.loader().load(List.of(resolved), List.of()));
    Path partial = Files.writeString(elsewhere.resolve("partial.yaml"), EXPERIMENT);
    assertThrows(ConfigException.class, () -> Tests.loader().load(List.of(partial), List.of()));
  }
}
