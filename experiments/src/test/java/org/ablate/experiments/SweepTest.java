package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ablate.experiments.run.Injection;
import org.ablate.experiments.sweep.SweepPlan;
import org.ablate.experiments.sweep.SweepRunner;
import org.ablate.experiments.sweep.Trial;
import org.ablate.training.loop.MetricsLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTest {
  static final String TINY =
      """
      name: tiny-sweep
      base: [tiny.yaml]
      set: {training.steps: 40, training.eval_every: 20, training.log_every: 10}
      grid:
        model.heads: [2, 4]
      seeds: [1, 2]
      """;

  static Path write(Path dir) throws Exception {
    Files.writeString(dir.resolve("tiny.yaml"), EndToEndTest.TINY_COPY);
    return Files.writeString(dir.resolve("sweep.yaml"), TINY);
  }

  static SweepPlan plan(Path file) {
    Injection injection = Tests.injection();
    return new SweepPlan(file, Tests.loader());
  }

  @Test
  void expandsGridTimesSeedsAndShardsCoverEveryTrialOnce(@TempDir Path dir) throws Exception {
    SweepPlan plan = plan(write(dir));
    assertEquals(4, plan.trials().size());
    Set<String> keys = new HashSet<>();
    for (int shard = 0; shard < 2; shard++) {
      for (Trial t : plan.shard(shard, 2)) {
        assertTrue(keys.add(t.key()), t.key() + " in two shards");
      }
    }
    assertEquals(
        plan.trials().stream().map(Trial::key).collect(java.util.stream.Collectors.toSet()), keys);
    assertEquals(List.of(2, 2), List.of(plan.shard(0, 2).size(), plan.shard(1, 2).size()));
    CliTest.Run dry =
        CliTest.cli(
            "sweep",
            dir.resolve("sweep.yaml").toString(),
            "--dry-run",
            "--output-dir",
            dir.resolve("out").toString());
    assertEquals(0, dry.code(), dry.err());
    assertTrue(
        dry.out().contains("4 trials")
            && dry.out().contains("heads=2")
            && dry.out().contains("pending"),
        dry.out());
    assertTrue(!Files.exists(dir.resolve("out")), "a dry run creates nothing");
  }

  /**
   * A finished trial keyed by an earlier version, whose saved config lacks a key added since (here
   * training.budget_flops, at its default), keeps counting as done; one whose config differs, or
   * that never finished, does not; and the sweep leaves the adopted folder as it was.
   */
  @Test
  void finishedTrialsKeyedByAnEarlierVersionAreAdoptedUntouched(@TempDir Path dir)
      throws Exception {
    Path file = write(dir);
    Path out = dir.resolve("out");
    List<Trial> planned = plan(file).trials();
    Trial first = planned.get(0);
    String older = first.resolvedYaml().replace("  budget_flops: null\n", "");
    assertTrue(older.length() < first.resolvedYaml().length(), "the key is in the config");
    Path adopted = finished(out, "0000000000aa", older, true);
    finished(out, "0000000000bb", older.replace("steps: 40", "steps: 41"), true);
    finished(out, "0000000000cc", planned.get(1).resolvedYaml(), false);
    List<Trial> trials = plan(file).adopt(out).trials();
    assertEquals("0000000000aa", trials.get(0).key());
    for (int i = 1; i < trials.size(); i++) {
      assertEquals(planned.get(i).key(), trials.get(i).key(), "trial " + i + " adopts nothing");
    }
    assertEquals(
        List.of(SweepRunner.Status.DONE, SweepRunner.Status.PENDING),
        List.of(SweepRunner.status(out, trials.get(0)), SweepRunner.status(out, trials.get(1))));
    CliTest.Run dry =
        CliTest.cli("sweep", file.toString(), "--dry-run", "--output-dir", out.toString());
    assertEquals(0, dry.code(), dry.err());
    assertTrue(dry.out().matches("(?s).*0000000000aa +done.*"), dry.out());
    assertTrue(!dry.out().contains("0000000000bb"), dry.out());
    long before = Files.getLastModifiedTime(adopted.resolve("experiment.yaml")).toMillis();
    new SweepRunner(
            new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
            new java.util.concurrent.atomic.AtomicBoolean(),
            List.of())
        .run(plan(file).adopt(out), List.of(trials.get(0)), out, 1);
    assertEquals(older, Files.readString(adopted.resolve("experiment.yaml")), "not rewritten");
    assertEquals(before, Files.getLastModifiedTime(adopted.resolve("experiment.yaml")).toMillis());
    assertTrue(!Files.exists(out.resolve("trials").resolve(first.key())), "no second folder");
  }

  /** A trial folder as a sweep leaves it: its config, and results.json once it has finished. */
  private static Path finished(Path out, String key, String yaml, boolean done) throws Exception {
    Path folder = Files.createDirectories(out.resolve("trials").resolve(key).resolve("run"));
    if (done) {
      Files.writeString(folder.resolve("results.json"), "{}");
    }
    return Files.writeString(folder.getParent().resolve("experiment.yaml"), yaml).getParent();
  }

  /**
   * A sweep of 2 paired values x 3 random learning rates over the tiny copy task, in {@code dir}.
   */
  static Path pairedAndRandomSweep(Path dir) throws Exception {
    Files.writeString(dir.resolve("tiny.yaml"), EndToEndTest.TINY_COPY);
    return Files.writeString(
        dir.resolve("s.yaml"),
        """
        name: s
        base: [tiny.yaml]
        paired:
          - {model.d_model: [32, 64], model.d_ff: [64, 128]}
        random: {trials: 3, space: {training.optimizer.lr: {log_uniform: [1.0e-4, 1.0e-2]}}}
        """);
  }

  @Test
  void pairedAndRandomDimensionsAndMisspelledKeys(@TempDir Path dir) throws Exception {
    Path sweep = pairedAndRandomSweep(dir);
    SweepPlan plan = plan(sweep);
    assertEquals(6, plan.trials().size());
    for (Trial t : plan.trials()) {
      assertEquals(
          2 * ((Number) t.dimensions().get("model.d_model")).intValue(),
          ((Number) t.dimensions().get("model.d_ff")).intValue());
      double lr = ((Number) t.dimensions().get("training.optimizer.lr")).doubleValue();
      assertTrue(lr >= 1e-4 && lr <= 1e-2);
    }
    Files.writeString(sweep, Files.readString(sweep).replace("model.d_ff", "model.d_fff"));
    CliTest.Run bad = CliTest.cli("sweep", sweep.toString(), "--dry-run");
    assertEquals(2, bad.code());
    assertTrue(
        bad.err().contains("model.d_fff")
            && bad.err().contains("did you mean 'd_ff'")
            && bad.err().contains("s.yaml"),
        bad.err());
  }

  @Test
  void aSweepKilledHalfWayFinishesOnlyTheMissingTrials(@TempDir Path dir) throws Exception {
    Path file = write(dir);
    Path out = dir.resolve("out");
    Process sweep = sweepProcess(file, out, dir.resolve("first.log"));
    // Wait until at least one trial has finished, then kill the sweep and its trials at once.
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (finished(out) < 1 && System.nanoTime() < deadline && sweep.isAlive()) {
      Thread.sleep(200);
    }
    sweep.descendants().forEach(ProcessHandle::destroyForcibly);
    sweep.destroyForcibly();
    sweep.waitFor();
    int before = finished(out);
    assertTrue(before >= 1 && before < 4, "killed with " + before + " of 4 trials finished");
    Process again = sweepProcess(file, out, dir.resolve("second.log"));
    assertTrue(again.waitFor(10, TimeUnit.MINUTES), "second run finished");
    assertEquals(0, again.exitValue(), Files.readString(dir.resolve("second.log")));
    String log = Files.readString(dir.resolve("second.log"));
    assertTrue(log.contains(before + " of 4 trials already done; running " + (4 - before)), log);
    assertEquals(4, finished(out));
    try (Stream<Path> runs = Files.list(out.resolve("trials"))) {
      for (Path trial : runs.toList()) {
        List<Object> steps = new ArrayList<>();
        MetricsLog.read(trial.resolve("run/metrics.jsonl"))
            .forEach(m -> steps.add(m.get("kind") + "@" + m.get("step")));
        assertEquals(steps.size(), new HashSet<>(steps).size(), "no step logged twice in " + trial);
      }
    }
    assertTrue(Files.exists(out.resolve("report/report.html")));
  }

  private static int finished(Path out) throws Exception {
    if (!Files.isDirectory(out.resolve("trials"))) {
      return 0;
    }
    try (Stream<Path> trials = Files.list(out.resolve("trials"))) {
      return (int) trials.filter(t -> Files.exists(t.resolve("run/results.json"))).count();
    }
  }

  private static Process sweepProcess(Path file, Path out, Path log) throws Exception {
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "org.ablate.experiments.cli.Main",
            "sweep",
            file.toString(),
            "--output-dir",
            out.toString(),
            "--parallel",
            "1");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    return pb.start();
  }
}
