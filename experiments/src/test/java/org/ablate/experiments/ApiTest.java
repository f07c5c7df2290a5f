package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ablate.api.Ablate;
import org.ablate.api.Comparison;
import org.ablate.api.RunResult;
import org.ablate.api.SweepResult;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.models.config.TransformerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java API: compose, run, sweep and compare without the command line. */
class ApiTest {
  private static final String QUICK =
      EndToEndTest.TINY_COPY
          .replace("steps: 300", "steps: 20")
          .replace("eval_every: 150", "eval_every: 10")
          .replace("dev_size: 100, test_size: 200", "dev_size: 20, test_size: 20");

  @Test
  void composesWithTheCommandLinesMergeOrder(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("exp.yaml"), EndToEndTest.TINY_COPY);
    ExperimentConfig config =
        Tests.ABLATE
            .config()
            .preset("transformer-tiny")
            .file(file)
            .yaml("model: {heads: 2}")
            .set("model.d_ff", 48)
            .build();
    TransformerConfig model = (TransformerConfig) config.model();
    assertEquals(32, model.block().dModel(), "the file wins over the preset");
    assertEquals(2, model.block().heads(), "later YAML wins over the file");
    assertEquals(48, model.block().dFf(), "set wins over everything");
    assertEquals(1, model.encoderLayers(), "the file's 1 encoder layer over the preset's 2");
    assertEquals(
        Tests.ABLATE.load(file),
        Tests.ABLATE.config().file(file).build(),
        "a file alone loads as on the command line");
  }

  @Test
  void runsSweepsAndComparesReadingResultsAsObjects(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Ablate ablate = Ablate.create().console(new PrintStream(log));
    RunResult run = ablate.run(ablate.config().yaml(QUICK).build(), dir.resolve("run"));
    assertEquals(20, run.steps());
    assertEquals("completed", run.stopReason());
    assertTrue(run.metric("test_sequence_accuracy") >= 0);
    assertTrue(run.history().stream().anyMatch(m -> "dev".equals(m.get("kind"))));

    Files.writeString(dir.resolve("base.yaml"), QUICK);
    Path sweepFile =
        Files.writeString(
            dir.resolve("sweep.yaml"),
            "name: api-sweep\nbase: [base.yaml]\ngrid:\n  model.d_ff: [32, 64]\nseeds: [1]\n");
    SweepResult sweep = ablate.sweep(sweepFile, dir.resolve("sweep"), 1);
    assertTrue(sweep.complete(), log.toString());
    assertEquals(0, sweep.failed());
    assertEquals(2, sweep.runs().size());
    assertTrue(Files.exists(sweep.report().resolve("report.html")));

    Comparison comparison =
        ablate.compare(
            List.of(dir.resolve("run"), dir.resolve("sweep")), dir.resolve("cmp"), "all");
    assertEquals(3, comparison.runs().size());
    assertTrue(comparison.table().contains("test_sequence_accuracy"), comparison.table());
    assertTrue(Files.exists(dir.resolve("cmp/summary.csv")));
  }
}
