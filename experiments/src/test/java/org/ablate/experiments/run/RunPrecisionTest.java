package org.ablate.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.ablate.core.graph.Hardware;
import org.ablate.experiments.Tests;
import org.ablate.experiments.config.ConfigLoader;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.training.config.PrecisionSetting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a run starts, {@code precision: auto} becomes the precision the run's config.yaml names. */
class RunPrecisionTest {
  private static final Hardware AVX2 = new Hardware(Set.of("avx2"), List.of());
  private static final Hardware AMX = new Hardware(Set.of("avx2", "amx_bf16"), List.of());

  private static ExperimentConfig config(Path dir, String precision) throws Exception {
    Path file = dir.resolve("e.yaml");
    Files.writeString(
        file,
        "name: p\ndata: {type: synthetic, task: copy}\nmodel: {type: transformer, d_model: 16,"
            + " heads: 2, d_ff: 32, encoder_layers: 1, decoder_layers: 1}\n");
    return Tests.loader().load(List.of(file), List.of("training.precision=" + precision));
  }

  @Test
  void autoBecomesTheMachinesPrecisionAndSaysWhy(@TempDir Path dir) throws Exception {
    ConfigLoader loader = Tests.loader();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExperimentConfig onAvx2 =
        RunPrecision.settle(
            config(dir, "auto"),
            loader,
            dir.resolve("run"),
            false,
            () -> AVX2,
            new PrintStream(out));
    assertEquals(PrecisionSetting.FLOAT32, onAvx2.training().precision());
    assertTrue(out.toString().startsWith("precision: auto -> float32"), out.toString());
    ExperimentConfig onAmx =
        RunPrecision.settle(
            config(dir, "auto"),
            loader,
            dir.resolve("run"),
            false,
            () -> AMX,
            new PrintStream(out));
    assertEquals(PrecisionSetting.BFLOAT16, onAmx.training().precision());
    assertEquals("p", onAmx.name(), "every other key is kept");
  }

  @Test
  void aResumedRunKeepsThePrecisionItBeganWith(@TempDir Path dir) throws Exception {
    ConfigLoader loader = Tests.loader();
    Path run = dir.resolve("run");
    Files.createDirectories(run);
    Files.writeString(
        run.resolve(ExperimentRunner.CONFIG), loader.resolvedYaml(config(dir, "bfloat16")));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExperimentConfig resumed =
        RunPrecision.settle(
            config(dir, "auto"), loader, run, true, () -> AVX2, new PrintStream(out));
    assertEquals(PrecisionSetting.BFLOAT16, resumed.training().precision());
    assertTrue(out.toString().contains("as the run began"), out.toString());
  }

  @Test
  void explicitPrecisionsAreKeptAndBfloat16OnAvx2IsWarnedAbout(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExperimentConfig config = config(dir, "bfloat16");
    ExperimentConfig settled =
        RunPrecision.settle(config, Tests.loader(), dir, false, () -> AVX2, new PrintStream(out));
    assertTrue(settled == config, "nothing to settle");
    assertTrue(
        out.toString().startsWith("warning: training.precision is bfloat16"), out.toString());
  }
}
