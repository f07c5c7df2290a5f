package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.experiments.run.ExperimentRunner;
import org.ablate.experiments.run.Injection;
import org.ablate.training.loop.MetricsLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains tiny models end to end through the runner, as {@code ./ablate run} does. */
class EndToEndTest {
  static final String TINY_COPY =
      """
      name: tiny-copy
      seed: 3
      data: {type: synthetic, task: copy, vocab: 8, min_length: 3, max_length: 8, dev_size: 100, test_size: 200}
      model: {type: transformer, d_model: 32, heads: 4, d_ff: 64, encoder_layers: 1, decoder_layers: 1, dropout: 0.1, max_length: 16}
      training:
        steps: 300
        batch_size: 32
        optimizer: {type: adam, lr: 3.0e-3}
        schedule: {type: cosine, warmup: 30}
        label_smoothing: 0.0
        eval_every: 150
        log_every: 25
        select_by: dev_sequence_accuracy
      """;

  static Map<String, Object> run(String yaml, Path dir, List<String> sets) throws Exception {
    Path file = dir.resolve("experiment.yaml");
    Files.writeString(file, yaml);
    Injection injection = Tests.injection();
    ExperimentConfig config = Tests.loader().load(List.of(file), sets);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    ExperimentRunner.Outcome outcome =
        Tests.runner()
            .run(
                config,
                new ExperimentRunner.Options(
                    dir.resolve("run"), false, false, new PrintStream(log), null));
    return outcome.results();
  }

  @Test
  void aTinyTransformerLearnsToCopy(@TempDir Path dir) throws Exception {
    Map<String, Object> results = run(TINY_COPY, dir, List.of());
    double accuracy = ((Number) results.get("test_sequence_accuracy")).doubleValue();
    // Chance of copying a 3-8 token sequence over 8 symbols exactly is below 1e-2.
    assertTrue(accuracy > 0.5, "test sequence accuracy " + accuracy);
    Path run = dir.resolve("run");
    for (String f :
        List.of(
            "config.yaml",
            "provenance.json",
            "metrics.jsonl",
            "results.json",
            "test_outputs.txt",
            "checkpoints/best/manifest.json")) {
      assertTrue(Files.exists(run.resolve(f)), f + " missing");
    }
    try (var events = Files.list(run.resolve("tensorboard"))) {
      assertTrue(
          events.anyMatch(p -> p.getFileName().toString().startsWith("events.out.tfevents")));
    }
    long devLines =
        MetricsLog.read(run.resolve("metrics.jsonl")).stream()
            .filter(m -> "dev".equals(m.get("kind")))
            .count();
    assertEquals(2, devLines, "one JSON line per evaluation");
  }

  @Test
  void extraTestLengthsAreEvaluatedAtTheEnd(@TempDir Path dir) throws Exception {
    String shortRun =
        TINY_COPY.replace("steps: 300", "steps: 150").replace("eval_every: 150", "eval_every: 150");
    Map<String, Object> results = run(shortRun, dir, List.of("data.test_lengths=[8, 12]"));
    Path run = dir.resolve("run");
    for (int length : new int[] {8, 12}) {
      String prefix = "test_len" + length + "_";
      for (String metric : List.of("loss", "token_accuracy", "sequence_accuracy")) {
        Object value = results.get(prefix + metric);
        assertTrue(value instanceof Number, prefix + metric + " missing from " + results.keySet());
      }
      double accuracy = ((Number) results.get(prefix + "sequence_accuracy")).doubleValue();
      assertTrue(accuracy >= 0 && accuracy <= 1, prefix + "sequence_accuracy " + accuracy);
      List<String> outputs = Files.readAllLines(run.resolve("test_len" + length + "_outputs.txt"));
      assertEquals(200, outputs.size(), "one decoded output per test sequence");
    }
    // Length 8 is inside the training range, so its token accuracy far exceeds chance (1/8).
    double inRange = ((Number) results.get("test_len8_token_accuracy")).doubleValue();
    assertTrue(inRange > 0.5, "test_len8_token_accuracy " + inRange);
  }

  @Test
  void theSameSeedGivesBitIdenticalLosses(@TempDir Path dir) throws Exception {
    String shortRun =
        TINY_COPY
            .replace("steps: 300", "steps: 60")
            .replace("eval_every: 150", "eval_every: 60")
            .replace("log_every: 25", "log_every: 5");
    Files.createDirectories(dir.resolve("a"));
    Files.createDirectories(dir.resolve("b"));
    Files.createDirectories(dir.resolve("c"));
    run(shortRun, dir.resolve("a"), List.of());
    run(shortRun, dir.resolve("b"), List.of());
    run(shortRun, dir.resolve("c"), List.of("seed=4"));
    List<Object> a = trainLosses(dir.resolve("a/run"));
    List<Object> b = trainLosses(dir.resolve("b/run"));
    List<Object> c = trainLosses(dir.resolve("c/run"));
    assertEquals(12, a.size());
    assertEquals(a, b, "same config and seed must give bit-identical losses");
    assertTrue(!a.equals(c), "another seed gives other losses");
  }

  private static List<Object> trainLosses(Path run) {
    return MetricsLog.read(run.resolve("metrics.jsonl")).stream()
        .filter(m -> "train".equals(m.get("kind")))
        .map(m -> m.get("train_loss"))
        .toList();
  }
}
