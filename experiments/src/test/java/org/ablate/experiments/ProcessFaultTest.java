package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ablate.training.loop.MetricsLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills real training processes (SIGINT, or SIGTERM where SIGINT is ignored, then SIGKILL) and
 * checks that --resume ends with the same results, bit for bit, as an uninterrupted run with the
 * same seed. The child pauses after a step named by the test seam ABLATE_TEST_PAUSE_AFTER_STEP and
 * the test signals it there, so the outcome does not depend on how fast the machine is.
 */
class ProcessFaultTest {
  static final String YAML =
      EndToEndTest.TINY_COPY
          .replace("steps: 300", "steps: 160")
          .replace("eval_every: 150", "eval_every: 40\n  checkpoint_every: 10")
          .replace("log_every: 25", "log_every: 5");

  private static Process ablate(Path log, String... args) throws Exception {
    return ablate(log, 0, args);
  }

  /** Starts {@code ablate args}; with {@code pauseAfter} > 0 it pauses after that step. */
  private static Process ablate(Path log, long pauseAfter, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "org.ablate.experiments.cli.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    pb.environment().remove("ABLATE_TEST_PAUSE_AFTER_STEP");
    if (pauseAfter > 0) {
      pb.environment().put("ABLATE_TEST_PAUSE_AFTER_STEP", String.valueOf(pauseAfter));
    }
    return pb.start();
  }

  private static int finish(Process p) throws Exception {
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly(); // never leave a hung child behind
      fail("the child process did not finish within 10 minutes");
    }
    return p.exitValue();
  }

  /**
   * Waits until the child says it paused after {@code step} (it then waits for a signal); the
   * deadline only guards against a hang.
   */
  private static void waitForPause(Path log, long step, Process p) throws Exception {
    String marker = "paused after step " + step + " ";
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!Files.readString(log).contains(marker) && p.isAlive()) {
      assertTrue(System.nanoTime() < deadline, "no pause after step " + step + " within 5 minutes");
      Thread.sleep(20);
    }
    assertTrue(p.isAlive(), "paused at step " + step + ": " + Files.readString(log));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> results(Path run) throws Exception {
    Map<String, Object> r =
        new ObjectMapper().readValue(run.resolve("results.json").toFile(), Map.class);
    r.keySet().removeIf(k -> k.contains("seconds") || k.endsWith("_per_second"));
    return r;
  }

  private static List<String> trainLosses(Path run) {
    return MetricsLog.read(run.resolve("metrics.jsonl")).stream()
        .filter(m -> "train".equals(m.get("kind")))
        .map(m -> m.get("step") + ":" + m.get("train_loss"))
        .toList();
  }

  @Test
  void interruptedAndKilledRunsResumeToTheUninterruptedResult(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("exp.yaml"), YAML);
    Path straight = dir.resolve("straight");
    assertEquals(
        0,
        finish(
            ablate(
                dir.resolve("straight.log"),
                "run",
                config.toString(),
                "--output-dir",
                straight.toString())));

    // Ctrl-C (or SIGTERM) in the loop: the run checkpoints the current step and exits with 130.
    Path run = dir.resolve("faulty");
    Path log = dir.resolve("faulty.log");
    Process first = ablate(log, 25, "run", config.toString(), "--output-dir", run.toString());
    waitForPause(log, 25, first);
    new ProcessBuilder("kill", "-" + Child.stopSignal(), String.valueOf(first.pid()))
        .start()
        .waitFor();
    assertEquals(130, finish(first), Files.readString(log));
    assertTrue(Files.readString(log).contains("checkpoint saved"), Files.readString(log));
    assertFalse(Files.exists(run.resolve("results.json")));

    assertTrue(Files.readString(log).contains("stopped at step 25"), Files.readString(log));

    // Resume, then kill -9 between checkpoints: at most the steps since the last checkpoint (step
    // 90) are lost.
    Process second = ablate(log, 95, "run", "--output-dir", run.toString(), "--resume");
    waitForPause(log, 95, second);
    second.destroyForcibly();
    second.waitFor();
    assertFalse(Files.exists(run.resolve("results.json")));

    Process third = ablate(log, "run", "--output-dir", run.toString(), "--resume");
    assertEquals(0, finish(third), Files.readString(log));
    assertEquals(results(straight), results(run));
    assertEquals(
        trainLosses(straight), trainLosses(run), "bit-identical losses, each step logged once");
  }

  @Test
  void aTokenizerThatNoLongerMatchesTheCheckpointIsNamed(@TempDir Path dir) throws Exception {
    Path corpus = dir.resolve("corpus");
    Files.createDirectories(corpus);
    for (String split : List.of("train", "dev", "test")) {
      Files.writeString(
          corpus.resolve(split + ".tsv"),
          "red blue\trouge bleu\ngreen\tvert\nblack cat\tchat noir\n");
    }
    Path config =
        Files.writeString(
            dir.resolve("mt.yaml"),
            """
            name: tiny-mt
            data: {type: translation, corpus: %s, tokenizer: {type: char}, max_length: 24, buckets: [24]}
            model: {type: transformer, d_model: 16, heads: 2, d_ff: 32, encoder_layers: 1, decoder_layers: 1}
            training: {steps: 20, eval_every: 10, batch_size: 3}
            """
                .formatted(corpus));
    Path run = dir.resolve("run");
    Path log = dir.resolve("run.log");
    assertEquals(0, finish(ablate(log, "run", config.toString(), "--output-dir", run.toString())));
    Files.delete(run.resolve("results.json"));
    String tokenizer = Files.readString(run.resolve("tokenizer.json"));
    Files.writeString(
        run.resolve("tokenizer.json"),
        tokenizer.replaceFirst("\"<unk>\",", "\"<unk>\", \"extra\","));
    int code = finish(ablate(log, "run", "--output-dir", run.toString(), "--resume"));
    String out = Files.readString(log);
    assertEquals(1, code, out);
    assertTrue(
        out.contains("other shapes than the model built now") && out.contains("tokenizer"), out);
  }
}
