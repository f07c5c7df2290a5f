package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ablate.core.graph.Hardware;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.experiments.run.ExperimentRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingFeaturesTest {
  @Test
  void theBudgetClockEndsTheDecayWithinTheWallClockBudget(@TempDir Path dir) throws Exception {
    // 100,000 steps cannot finish in 6 seconds; on the budget clock the cosine still reaches ~0.
    String yaml =
        EndToEndTest.TINY_COPY
            .replace("steps: 300", "steps: 100000\n  max_minutes: 0.1\n  schedule_clock: budget")
            .replace("log_every: 25", "log_every: 1")
            .replace("eval_every: 150", "eval_every: 100000");
    Map<String, Object> results = EndToEndTest.run(yaml, dir, List.of());
    assertEquals("time_budget", results.get("stop_reason"));
    List<String> train =
        Files.readAllLines(dir.resolve("run/metrics.jsonl")).stream()
            .filter(l -> l.contains("\"train\""))
            .toList();
    assertTrue(train.size() > 20, "steps logged: " + train.size());
    String last = train.get(train.size() - 1);
    double lr = learningRate(last);
    assertTrue(lr < 0.05 * 3.0e-3, "the last step's learning rate " + lr + " in " + last);
    double peak =
        train.stream().mapToDouble(TrainingFeaturesTest::learningRate).max().orElseThrow();
    assertTrue(peak > 0.2 * 3.0e-3, "early steps train at a high rate: " + peak);
  }

  /**
   * A FLOP budget ends training at the first step whose cumulative FLOPs reach it: the count is a
   * function of the batches, so a run without a budget shows where a run with one must stop. Steps
   * differ in FLOPs because batches differ in length (the copy task's Transformer has no length
   * buckets).
   */
  @Test
  void aFlopBudgetStopsAtTheStepThatReachesIt(@TempDir Path dir) throws Exception {
    String free =
        EndToEndTest.TINY_COPY
            .replace("steps: 300", "steps: 30")
            .replace("batch_size: 32", "batch_size: 3")
            .replace("log_every: 25", "log_every: 1")
            .replace("eval_every: 150", "eval_every: 100");
    Files.createDirectories(dir.resolve("a"));
    Files.createDirectories(dir.resolve("b"));
    EndToEndTest.run(free, dir.resolve("a"), List.of());
    List<Double> cumulative =
        Files.readAllLines(dir.resolve("a/run/metrics.jsonl")).stream()
            .filter(l -> l.contains("\"train\""))
            .map(l -> Double.parseDouble(l.replaceAll(".*\"flops\":([-0-9.eE]+).*", "$1")))
            .toList();
    assertEquals(30, cumulative.size());
    List<Double> perStep = new java.util.ArrayList<>();
    for (int i = 0; i < cumulative.size(); i++) {
      perStep.add(cumulative.get(i) - (i == 0 ? 0 : cumulative.get(i - 1)));
    }
    assertTrue(perStep.stream().allMatch(f -> f > 1e5), perStep.toString());
    assertTrue(perStep.stream().distinct().count() > 1, "batch lengths vary: " + perStep);
    double budget = cumulative.get(19) - 1; // reached by step 20, not by step 19
    String capped =
        free.replace(
            "steps: 30", "steps: 100000\n  budget_flops: " + String.format("%.1f", budget));
    Map<String, Object> results = EndToEndTest.run(capped, dir.resolve("b"), List.of());
    assertEquals("flop_budget", results.get("stop_reason"));
    assertEquals(20L, ((Number) results.get("steps")).longValue());
    assertEquals(cumulative.get(19), ((Number) results.get("train_flops")).doubleValue(), 0.5);
  }

  private static double learningRate(String metricsLine) {
    return Double.parseDouble(metricsLine.replaceAll(".*\"learning_rate\":([-0-9.eE]+).*", "$1"));
  }

  /** The message of the configuration error that running {@code yaml} raises. */
  private static String configError(String yaml, Path dir) {
    return org.junit.jupiter.api.Assertions.assertThrows(
            org.ablate.core.config.ConfigException.class,
            () -> EndToEndTest.run(yaml, dir, List.of()))
        .getMessage();
  }

  @Test
  void theBudgetClockNeedsABudget(@TempDir Path dir) {
    String e =
        configError(
            EndToEndTest.TINY_COPY.replace("steps: 300", "steps: 300\n  schedule_clock: budget"),
            dir);
    assertTrue(e.contains("schedule_clock"), e);
    assertTrue(e.contains("max_minutes"), e);
  }

  @Test
  void earlyStoppingEndsARunThatStopsImproving(@TempDir Path dir) throws Exception {
    String yaml =
        EndToEndTest.TINY_COPY
            .replace("steps: 300", "steps: 200")
            .replace("eval_every: 150", "eval_every: 10\n  patience: 2")
            .replace("lr: 3.0e-3", "lr: 1.0e-12")
            .replace("select_by: dev_sequence_accuracy", "select_by: dev_loss");
    Map<String, Object> results = EndToEndTest.run(yaml, dir, List.of());
    assertEquals("early_stopping", results.get("stop_reason"));
    assertTrue(((Number) results.get("steps")).longValue() < 200);
  }

  /**
   * When selection keeps an earlier checkpoint, results.json also has the newest one's step and
   * test metrics, so what selection gained or lost is on record.
   */
  @Test
  void theNewestCheckpointsTestFiguresSitBesideTheSelectedOnes(@TempDir Path dir) throws Exception {
    String yaml =
        EndToEndTest.TINY_COPY
            .replace("steps: 300", "steps: 30")
            .replace("eval_every: 150", "eval_every: 10")
            .replace(
                "lr: 3.0e-3",
                "lr: 1.0e-4"); // too little to copy a sequence: no step beats the first
    Map<String, Object> results =
        EndToEndTest.run(yaml, dir, List.of("training.prefer_later_within_noise=false"));
    assertEquals(10L, ((Number) results.get("best_step")).longValue(), results.toString());
    assertEquals(30L, ((Number) results.get("last_step")).longValue());
    for (String metric : List.of("test_loss", "test_sequence_accuracy")) {
      assertTrue(results.get("last_" + metric) instanceof Number, metric + ": " + results);
    }
    assertTrue(
        !results.get("last_test_loss").equals(results.get("test_loss")),
        "two checkpoints, two test losses: " + results);
  }

  /**
   * With the default rule, a later checkpoint whose dev metric is within the bootstrap noise of the
   * best (here every checkpoint copies no sequence exactly) is the one selected and tested.
   */
  @Test
  void aLaterCheckpointWithinTheNoiseIsSelected(@TempDir Path dir) throws Exception {
    String yaml =
        EndToEndTest.TINY_COPY
            .replace("steps: 300", "steps: 30")
            .replace("eval_every: 150", "eval_every: 10")
            .replace("lr: 3.0e-3", "lr: 1.0e-4");
    Map<String, Object> results = EndToEndTest.run(yaml, dir, List.of());
    assertEquals(30L, ((Number) results.get("best_step")).longValue(), results.toString());
    assertEquals(0.0, ((Number) results.get("dev_sequence_accuracy")).doubleValue());
  }

  @Test
  void selectByLastKeepsTheNewestCheckpointWhateverTheDevMetrics(@TempDir Path dir)
      throws Exception {
    // A learning rate too small to change anything: the dev accuracy never improves on its first
    // evaluation, so selecting by it keeps step 20, while select_by: last keeps step 60.
    String yaml =
        EndToEndTest.TINY_COPY
            .replace("steps: 300", "steps: 60")
            .replace("eval_every: 150", "eval_every: 20")
            .replace("lr: 3.0e-3", "lr: 1.0e-12");
    Map<String, Object> byDev =
        EndToEndTest.run(
            yaml,
            Files.createDirectories(dir.resolve("dev")),
            List.of("training.prefer_later_within_noise=false"));
    assertEquals(20L, ((Number) byDev.get("best_step")).longValue(), byDev.toString());
    Map<String, Object> results =
        EndToEndTest.run(
            yaml.replace("select_by: dev_sequence_accuracy", "select_by: last"), dir, List.of());
    assertEquals("last", results.get("select_by"));
    assertEquals(60L, ((Number) results.get("best_step")).longValue());
    assertTrue(results.containsKey("dev_loss"), "dev metrics of the last step: " + results);
    assertTrue(results.containsKey("test_loss"), results.toString());
    String best = Files.readString(dir.resolve("run/checkpoints/best/manifest.json"));
    assertTrue(best.contains("\"step\" : 60"), "best/ holds step 60: " + best);
  }

  @Test
  void selectByLastRefusesEarlyStoppingAndOtherWordsAreRejected(@TempDir Path dir) {
    String e =
        configError(
            EndToEndTest.TINY_COPY
                .replace("eval_every: 150", "eval_every: 150\n  patience: 3")
                .replace("select_by: dev_sequence_accuracy", "select_by: last"),
            dir);
    assertTrue(e.contains("patience"), e);
    String other =
        configError(
            EndToEndTest.TINY_COPY.replace("select_by: dev_sequence_accuracy", "select_by: final"),
            dir);
    assertTrue(other.contains("or be last"), other);
  }

  @Test
  void gradientAccumulationTrains(@TempDir Path dir) throws Exception {
    Map<String, Object> results =
        EndToEndTest.run(
            EndToEndTest.TINY_COPY.replace("batch_size: 32", "batch_size: 16\n  accumulate: 2"),
            dir,
            List.of());
    assertTrue(
        ((Number) results.get("test_sequence_accuracy")).doubleValue() > 0.5, results.toString());
  }

  @Test
  void mixedPrecisionTrainsTheCopyTask(@TempDir Path dir) throws Exception {
    Map<String, Object> results =
        EndToEndTest.run(EndToEndTest.TINY_COPY, dir, List.of("training.precision=bfloat16"));
    assertTrue(
        ((Number) results.get("test_sequence_accuracy")).doubleValue() > 0.5, results.toString());
    assertTrue(
        Files.readString(dir.resolve("run/config.yaml")).contains("precision: bfloat16"),
        "the resolved config records the precision");
  }

  @Test
  void autoPrecisionIsWrittenAsTheMachinesAndAResumeKeepsIt(@TempDir Path dir) throws Exception {
    String tiny = EndToEndTest.TINY_COPY.replace("steps: 300", "steps: 60");
    EndToEndTest.run(tiny, dir, List.of("training.precision=auto"));
    String expected = Hardware.thisMachine().hasBfloat16() ? "bfloat16" : "float32";
    String saved = Files.readString(dir.resolve("run/config.yaml"));
    assertTrue(saved.contains("precision: " + expected), saved);
    // the same file with auto, resumed for more steps, is the same run: no config difference
    Path file = dir.resolve("experiment.yaml");
    ExperimentConfig longer =
        Tests.loader().load(List.of(file), List.of("training.precision=auto", "training.steps=90"));
    ExperimentRunner.Outcome outcome =
        Tests.runner()
            .run(
                longer,
                new ExperimentRunner.Options(
                    dir.resolve("run"),
                    true,
                    false,
                    new PrintStream(OutputStream.nullOutputStream()),
                    null));
    assertEquals(
        90, ((Number) outcome.results().get("steps")).intValue(), outcome.results().toString());
  }
}
