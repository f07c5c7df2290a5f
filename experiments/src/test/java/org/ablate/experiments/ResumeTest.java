package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.experiments.run.ExperimentRunner;
import org.ablate.experiments.run.Injection;
import org.ablate.training.loop.MetricsLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A run stopped half-way and resumed ends exactly like an uninterrupted run with the same seed. */
class ResumeTest {
  static final String YAML =
      EndToEndTest.TINY_COPY
          .replace("steps: 300", "steps: 80")
          .replace("eval_every: 150", "eval_every: 20")
          .replace("log_every: 25", "log_every: 4");

  /** The same run keeping a moving average of its weights. */
  static final String YAML_AVERAGED =
      YAML.replace("label_smoothing: 0.0", "label_smoothing: 0.0\n  ema_decay: 0.95");

  private static ExperimentConfig config(Path dir, String yaml) throws Exception {
    Path file = dir.resolve("experiment.yaml");
    Files.writeString(file, yaml);
    Injection injection = Tests.injection();
    return Tests.loader().load(List.of(file), List.of());
  }

  private static ExperimentRunner.Outcome run(
      String yaml, Path dir, Path out, boolean resume, AtomicBoolean stop) throws Exception {
    return Tests.runner()
        .run(
            config(dir, yaml),
            new ExperimentRunner.Options(
                out, resume, false, new PrintStream(OutputStream.nullOutputStream()), stop));
  }

  /**
   * With a weight average, checkpoints hold the averaged weights in the weights' place and the
   * trained ones beside them; the resumed run must continue from the trained ones to match.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"plain", "weight average"})
  void aStoppedRunResumesToTheSameResults(String variant, @TempDir Path dir) throws Exception {
    String yaml = variant.equals("plain") ? YAML : YAML_AVERAGED;
    Map<String, Object> straight = run(yaml, dir, dir.resolve("straight"), false, null).results();
    Path interrupted = dir.resolve("interrupted");
    AtomicBoolean stop = new AtomicBoolean();
    Thread watcher =
        new Thread(
            () -> {
              while (!stop.get()) {
                List<Map<String, Object>> lines =
                    MetricsLog.read(interrupted.resolve("metrics.jsonl"));
                if (!lines.isEmpty()
                    && ((Number) lines.get(lines.size() - 1).get("step")).longValue() >= 30) {
                  stop.set(true);
                }
                Thread.onSpinWait();
              }
            });
    watcher.start();
    ExperimentRunner.Outcome first = run(yaml, dir, interrupted, false, stop);
    watcher.join();
    assertEquals("interrupted", first.reason());
    assertTrue(
        !Files.exists(interrupted.resolve("results.json")), "no results before the run finished");
    ExperimentRunner.Outcome resumed = run(yaml, dir, interrupted, true, new AtomicBoolean());
    assertEquals("completed", resumed.reason());
    for (String key :
        List.of(
            "test_loss", "test_sequence_accuracy", "dev_sequence_accuracy", "best_step", "steps")) {
      assertEquals(straight.get(key), resumed.results().get(key), key);
    }
    assertEquals(
        losses(dir.resolve("straight")),
        losses(interrupted),
        "bit-identical training losses, no step logged twice");
  }

  private static List<String> losses(Path run) {
    return MetricsLog.read(run.resolve("metrics.jsonl")).stream()
        .filter(m -> "train".equals(m.get("kind")))
        .map(m -> m.get("step") + ":" + m.get("train_loss"))
        .toList();
  }

  @Test
  void resumingWithAnotherConfigIsRefused(@TempDir Path dir) throws Exception {
    run(YAML, dir, dir.resolve("run"), false, new AtomicBoolean(true));
    Files.writeString(dir.resolve("experiment.yaml"), YAML.replace("seed: 3", "seed: 4"));
    Injection injection = Tests.injection();
    ExperimentConfig other =
        Tests.loader().load(List.of(dir.resolve("experiment.yaml")), List.of());
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.ablate.core.config.ConfigException.class,
            () ->
                Tests.runner()
                    .run(
                        other,
                        new ExperimentRunner.Options(
                            dir.resolve("run"),
                            true,
                            false,
                            new PrintStream(OutputStream.nullOutputStream()),
                            null)));
    assertTrue(e.getMessage().contains("seed"), e.getMessage());
  }
}
