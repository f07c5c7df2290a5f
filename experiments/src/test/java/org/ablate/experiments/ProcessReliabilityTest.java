package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signals end the process promptly, out-of-memory is one message, a trained run is used from any
 * folder without its corpus, and a sweep shows a line per running trial. Each test synchronises on
 * what the child prints, never on time.
 */
class ProcessReliabilityTest {
  private static final Map<String, String> NONE = Map.of();

  @Test
  void sigtermInTheTrainingLoopCheckpointsAndExits(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("exp.yaml"), ProcessFaultTest.YAML);
    Child run =
        Child.start(
            dir,
            dir.resolve("run.log"),
            Map.of("ABLATE_TEST_PAUSE_AFTER_STEP", "7"),
            List.of(),
            "run",
            config.toString(),
            "--output",
            "run");
    run.await("paused after step 7 ");
    run.signal("TERM");
    assertEquals(130, run.finish(), run.text());
    assertTrue(Files.isDirectory(dir.resolve("run/checkpoints/step-00000007")), run.text());
  }

  @Test
  void sigtermBeforeTrainingEndsTheProcessAtOnce(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("exp.yaml"), ProcessFaultTest.YAML);
    Child run =
        Child.start(
            dir,
            dir.resolve("run.log"),
            NONE,
            List.of(),
            "run",
            config.toString(),
            "--output",
            "run");
    run.await("data: ");
    run.signal("TERM");
    assertTrue(run.process.waitFor(60, TimeUnit.SECONDS), "ended promptly: " + run.text());
    int code = run.process.exitValue();
    assertTrue(code == 143 || code == 130, code + ": " + run.text());
  }

  @Test
  void runningOutOfMemoryIsOneMessage(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("exp.yaml"), ProcessFaultTest.YAML);
    Child explain =
        Child.start(
            dir,
            dir.resolve("explain.log"),
            NONE,
            List.of("-Xmx32m"),
            "explain",
            config.toString(),
            "--set",
            "data.dev_size=1000000",
            "--set",
            "data.test_size=1000000");
    assertEquals(1, explain.finish(), explain.text());
    assertTrue(explain.text().contains("ran out of Java heap memory"), explain.text());
    assertFalse(explain.text().contains("\tat "), explain.text());
  }

  @Test
  void aTrainedRunIsUsedFromAnyFolderWithItsOwnFiles(@TempDir Path dir) throws Exception {
    Path project = Files.createDirectories(dir.resolve("project"));
    Files.createDirectories(project.resolve("corpus"));
    for (String split : List.of("train", "dev", "test")) {
      Files.writeString(
          project.resolve("corpus/" + split + ".tsv"),
          "red blue\trouge bleu\ngreen\tvert\nblack cat\tchat noir\n");
    }
    Files.writeString(
        project.resolve("mt.yaml"),
        """
        name: tiny-mt
        data: {type: translation, corpus: corpus, tokenizer: {type: char}, max_length: 24, buckets: [24]}
        model: {type: transformer, d_model: 16, heads: 2, d_ff: 32, encoder_layers: 1, decoder_layers: 1, max_length: 24}
        training: {steps: 20, eval_every: 10, batch_size: 3}
        """);
    Child train =
        Child.start(
            project,
            dir.resolve("train.log"),
            NONE,
            List.of(),
            "run",
            "mt.yaml",
            "--output",
            "run");
    assertEquals(0, train.finish(), train.text());
    Path run = project.resolve("run");
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));

    Path input = Files.writeString(dir.resolve("in.txt"), "red cat\ngreen\n");
    ProcessBuilder translate =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "org.ablate.experiments.cli.Main",
                "translate",
                run.toString())
            .directory(elsewhere.toFile())
            .redirectInput(input.toFile())
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile());
    translate.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    Process p = translate.start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve("err.txt")));
    assertEquals(2, Files.readAllLines(dir.resolve("out.txt")).size(), "one line out per line in");

    Child eval =
        Child.start(elsewhere, dir.resolve("eval.log"), NONE, List.of(), "eval", run.toString());
    assertEquals(0, eval.finish(), eval.text());
    assertTrue(eval.text().contains("test_loss"), eval.text());
    Child export =
        Child.start(
            elsewhere,
            dir.resolve("export.log"),
            NONE,
            List.of(),
            "export",
            run.toString(),
            "--format",
            "npz",
            "--output",
            "w.npz");
    assertEquals(0, export.finish(), export.text());
    assertTrue(Files.size(elsewhere.resolve("w.npz")) > 0);

    Path longLine = Files.writeString(dir.resolve("long.txt"), "red\n" + "x".repeat(100) + "\n");
    Process tooLong =
        translate
            .redirectInput(longLine.toFile())
            .redirectOutput(dir.resolve("out2.txt").toFile())
            .redirectError(dir.resolve("err2.txt").toFile())
            .start();
    assertTrue(tooLong.waitFor(5, TimeUnit.MINUTES));
    assertEquals(1, tooLong.exitValue());
    assertTrue(
        Files.readString(dir.resolve("err2.txt")).contains("input line 2 has 101 tokens"),
        Files.readString(dir.resolve("err2.txt")));
    assertEquals(
        1, Files.readAllLines(dir.resolve("out2.txt")).size(), "the line before it is translated");

    Files.delete(run.resolve("tokenizer.json"));
    Child noTokenizer =
        Child.start(elsewhere, dir.resolve("notok.log"), NONE, List.of(), "eval", run.toString());
    assertEquals(1, noTokenizer.finish(), noTokenizer.text());
    assertTrue(
        noTokenizer.text().contains("has no tokenizer.json")
            && noTokenizer.text().contains("does not learn it again"),
        noTokenizer.text());
  }

  @Test
  void aSweepShowsALiveLinePerRunningTrial(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("base.yaml"), ProcessFaultTest.YAML);
    Path sweep =
        Files.writeString(dir.resolve("s.yaml"), "name: s\nbase: [base.yaml]\nseeds: [1]\n");
    Child child =
        Child.start(
            dir,
            dir.resolve("sweep.log"),
            Map.of("ABLATE_TEST_PAUSE_AFTER_STEP", "12"),
            List.of(),
            "sweep",
            sweep.toString(),
            "--output",
            "out",
            "--status-every",
            "1");
    child.await("running tiny-copy seed 1: step 10/160");
    child.signal("TERM");
    assertEquals(130, child.finish(), child.text());
    assertTrue(child.text().contains("sweep stopped"), child.text());
  }
}
