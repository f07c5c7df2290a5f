package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ablate.training.loop.MetricsLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finished run is never changed by accident: --resume reports it finished, a smaller budget or
 * another config is refused, export will not overwrite its files; only a larger budget asked for
 * explicitly extends it, and that is recorded. Failed commands leave no new folders.
 */
class FinishedRunTest {
  @TempDir static Path shared;
  static Path config;
  static Path finished;

  static final String QUICK =
      EndToEndTest.TINY_COPY
          .replace("steps: 300", "steps: 20")
          .replace("eval_every: 150", "eval_every: 10")
          .replace("dev_size: 100, test_size: 200", "dev_size: 20, test_size: 20");

  @BeforeAll
  static void trainOnce() throws Exception {
    config = Files.writeString(shared.resolve("quick.yaml"), QUICK);
    finished = shared.resolve("finished");
    CliTest.Run run = CliTest.cli("run", config.toString(), "--output", finished.toString());
    assertEquals(0, run.code(), run.err());
    assertTrue(Files.exists(finished.resolve("results.json")));
    assertTrue(Files.exists(finished.resolve("run.log")), "the console is kept in the run folder");
    assertTrue(Files.readString(finished.resolve("run.log")).contains("test (best checkpoint"));
  }

  private static Path copy(Path dir) throws Exception {
    return TestFiles.copyTree(finished, dir.resolve("copy"));
  }

  @Test
  void resumingAFinishedRunChangesNothing() throws Exception {
    Map<String, String> before = Snapshot.of(finished);
    CliTest.Run again =
        CliTest.cli("run", config.toString(), "--output", finished.toString(), "--resume");
    assertEquals(0, again.code(), again.err());
    assertTrue(
        again.err().contains("holds a finished run (results.json); nothing to do"), again.err());
    assertEquals(before, Snapshot.of(finished), "the finished run is byte-identical");
    CliTest.Run fromFolder = CliTest.cli("run", "--output-dir", finished.toString(), "--resume");
    assertEquals(0, fromFolder.code(), fromFolder.err());
    assertEquals(before, Snapshot.of(finished));
  }

  private static CliTest.Run resumeFinished(String set) {
    return CliTest.cli(
        "run", config.toString(), "--output", finished.toString(), "--resume", "--set", set);
  }

  @Test
  void aSmallerBudgetOrAnotherConfigIsRefused() throws Exception {
    Map<String, String> before = Snapshot.of(finished);
    CliTest.Run smaller = resumeFinished("training.steps=10");
    assertEquals(2, smaller.code());
    assertTrue(smaller.err().contains("training.steps: saved 20, now 10"), smaller.err());
    CliTest.Run other = resumeFinished("model.d_ff=48");
    assertEquals(2, other.code());
    assertTrue(other.err().contains("model.d_ff: saved 64, now 48"), other.err());
    assertEquals(before, Snapshot.of(finished));
  }

  @Test
  void aLargerBudgetExtendsTheRunAndRecordsIt(@TempDir Path dir) throws Exception {
    Path run = copy(dir);
    CliTest.Run longer =
        CliTest.cli(
            "run",
            config.toString(),
            "--output",
            run.toString(),
            "--resume",
            "--set",
            "training.steps=30");
    assertEquals(0, longer.code(), longer.err());
    assertTrue(longer.err().contains("resumed from step 20"), longer.err());
    String extensions = Files.readString(run.resolve("extensions.jsonl"));
    assertTrue(extensions.contains("\"steps\":[20,30]"), extensions);
    assertTrue(extensions.contains("results_before"), extensions);
    assertTrue(Files.readString(run.resolve("config.yaml")).contains("steps: 30"));
    assertEquals(
        30L,
        ((Number)
                new com.fasterxml.jackson.databind.ObjectMapper()
                    .readValue(run.resolve("results.json").toFile(), Map.class)
                    .get("steps"))
            .longValue());
    assertEquals(
        30L,
        ((Number)
                MetricsLog.read(run.resolve("metrics.jsonl"))
                    .get(MetricsLog.read(run.resolve("metrics.jsonl")).size() - 1)
                    .get("step"))
            .longValue());
  }

  @Test
  void exportNeverOverwritesWithoutForce(@TempDir Path dir) throws Exception {
    Map<String, String> before = Snapshot.of(finished);
    CliTest.Run onto =
        CliTest.cli(
            "export",
            finished.toString(),
            "--format",
            "npz",
            "--out",
            finished.resolve("results.json").toString());
    assertEquals(1, onto.code(), onto.err());
    assertTrue(
        onto.err().contains("already exists; choose another --output, or add --force"), onto.err());
    assertEquals(before, Snapshot.of(finished));
    Path nested = dir.resolve("new/deeper/weights.npz");
    CliTest.Run created =
        CliTest.cli(
            "export", finished.toString(), "--format", "npz", "--output", nested.toString());
    assertEquals(0, created.code(), created.err());
    assertTrue(Files.size(nested) > 0, "missing parent folders are created");
    CliTest.Run forced =
        CliTest.cli(
            "export",
            "--run",
            finished.toString(),
            "--format",
            "npz",
            "--output",
            nested.toString(),
            "--force");
    assertEquals(0, forced.code(), forced.err());
  }

  @Test
  void failedCommandsLeaveNoNewFolders(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("never");
    CliTest.Run resume =
        CliTest.cli("run", config.toString(), "--output", missing.toString(), "--resume");
    assertEquals(2, resume.code());
    assertTrue(resume.err().contains("does not exist"), resume.err());
    assertFalse(Files.exists(missing), "a failed --resume creates nothing");
    Path tooBig = dir.resolve("too-big");
    CliTest.Run huge =
        CliTest.cli(
            "run",
            config.toString(),
            "--output",
            tooBig.toString(),
            "--set",
            "data.vocab=100000",
            "--set",
            "model.d_model=1048576",
            "--set",
            "model.heads=1",
            "--set",
            "model.d_ff=1");
    assertEquals(2, huge.code(), huge.err());
    assertTrue(huge.err().contains("is too large for this machine"), huge.err());
    assertTrue(huge.err().contains("training.check_memory: false"), huge.err());
    assertFalse(Files.exists(tooBig), "the refused run left no folder");
    CliTest.Run empty = CliTest.cli("run", config.toString(), "--output", "");
    assertEquals(2, empty.code());
    assertTrue(empty.err().contains("--output is empty"), empty.err());
  }

  @Test
  void aDamagedBestCheckpointIsAnErrorNotSilentlyAnotherCheckpoint(@TempDir Path dir)
      throws Exception {
    Path run = copy(dir);
    Path data = run.resolve("checkpoints/best/ckpt.data-00000-of-00001");
    byte[] bytes = Files.readAllBytes(data);
    bytes[bytes.length / 2] ^= 1;
    Files.write(data, bytes);
    for (String command : new String[] {"eval", "export"}) {
      CliTest.Run r =
          command.equals("eval")
              ? CliTest.cli("eval", run.toString())
              : CliTest.cli(
                  "export", run.toString(), "--format", "npz", "--output", dir + "/w.npz");
      assertEquals(1, r.code(), r.out() + r.err());
      assertTrue(
          r.err().contains("checkpoints/best is damaged")
              && r.err().contains("to use the newest intact checkpoint (step 20)"),
          r.err());
    }
    assertFalse(Files.exists(dir.resolve("w.npz")));
  }
}
