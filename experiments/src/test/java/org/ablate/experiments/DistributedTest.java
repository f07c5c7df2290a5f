package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ablate.training.loop.MetricsLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loopback clusters (2 ps + 2 workers, each task its own process, 127.0.0.1 ports only) train the
 * copy task: the weights are spread over both ps tasks, the run learns, every worker sees different
 * data, and the logged training losses track the single-process run with the same global batch
 * ({@code accumulate: 2}) at every log interval; a cluster run stopped part-way and resumed by its
 * chief ends with those same losses.
 */
class DistributedTest {
  static final String BASE =
      EndToEndTest.TINY_COPY
          .replace("batch_size: 32", "batch_size: 16")
          .replace("log_every: 25", "log_every: 5");
  private static final Map<String, String> ONE_THREAD = Map.of("ABLATE_THREADS", "1");

  /** {@code n} distinct free ports: the sockets stay open until all are chosen. */
  private static List<Integer> freePorts(int n) throws Exception {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        sockets.add(new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } finally {
      for (ServerSocket s : sockets) {
        s.close();
      }
    }
  }

  /** {@code base} with a loopback cluster of {@code ps} ps tasks and 2 workers on free ports. */
  private static Path clusterConfig(Path dir, String base, int ps) throws Exception {
    List<String> addresses = freePorts(ps + 2).stream().map(port -> "127.0.0.1:" + port).toList();
    String cluster =
        "cluster:\n  ps: ["
            + String.join(", ", addresses.subList(0, ps))
            + "]\n  worker: ["
            + String.join(", ", addresses.subList(ps, ps + 2))
            + "]\n";
    return Files.writeString(dir.resolve("cluster.yaml"), base + cluster);
  }

  private static Child task(
      Path dir, Path config, String name, Map<String, String> env, String... args)
      throws Exception {
    List<String> all = new ArrayList<>(List.of("worker", config.toString()));
    all.addAll(List.of(args));
    return Child.start(dir, dir.resolve(name + ".log"), env, List.of(), all.toArray(String[]::new));
  }

  private static Child worker(Path dir, Path config, int task, String log, Path run, String... more)
      throws Exception {
    return worker(dir, config, task, log, run, ONE_THREAD, more);
  }

  private static Child worker(
      Path dir,
      Path config,
      int task,
      String log,
      Path run,
      Map<String, String> env,
      String... more)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of("--job", "worker", "--task", "" + task, "--output-dir", run.toString()));
    args.addAll(List.of(more));
    return task(dir, config, log, env, args.toArray(String[]::new));
  }

  /** The ps tasks of a config with {@code count} of them. */
  private static List<Child> psTasks(Path dir, Path config, int count) throws Exception {
    List<Child> ps = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ps.add(task(dir, config, "ps" + i, ONE_THREAD, "--job", "ps", "--task", "" + i));
    }
    return ps;
  }

  private static void stopAll(List<Child> children) {
    children.forEach(c -> c.process.destroyForcibly());
  }

  @Test
  @SuppressWarnings("unchecked")
  void aLoopbackClusterWithTwoPsTasksLearnsWithDisjointDataAndTracksTheSingleProcessRun(
      @TempDir Path dir) throws Exception {
    Path config = clusterConfig(dir, BASE, 2);
    Path run = dir.resolve("run");
    List<Child> tasks = new ArrayList<>(psTasks(dir, config, 2));
    try {
      Child worker1 = worker(dir, config, 1, "worker1", run);
      tasks.add(worker1);
      Child chief = worker(dir, config, 0, "chief", run);
      tasks.add(chief);
      assertEquals(0, chief.finish(), chief.text());
      assertEquals(
          0, worker1.finish(), "worker 1 stops when the chief finishes: " + worker1.text());
      assertWeightsOnBothPsTasks(chief.text());
    } finally {
      stopAll(tasks);
    }
    Map<String, Object> results =
        new ObjectMapper().readValue(run.resolve("results.json").toFile(), Map.class);
    assertTrue(
        ((Number) results.get("test_sequence_accuracy")).doubleValue() > 0.3,
        "it learns: " + results);

    Set<Object> microSteps = new HashSet<>();
    Set<Object> hashes = new HashSet<>();
    int lines = 0;
    for (int w = 0; w < 2; w++) {
      for (Map<String, Object> line :
          MetricsLog.read(run.resolve("workers/worker-" + w + ".jsonl"))) {
        long step = ((Number) line.get("step")).longValue();
        assertEquals(
            (step - 1) * 2 + w + 1,
            ((Number) line.get("micro_step")).longValue(),
            "worker " + w + " trains on its own micro-step");
        microSteps.add(line.get("micro_step"));
        hashes.add(line.get("batch_hash"));
        lines++;
      }
    }
    assertEquals(600, lines, "2 workers x 300 steps");
    assertEquals(lines, microSteps.size(), "no micro-step twice");
    assertEquals(lines, hashes.size(), "every worker saw different data");
    assertSameLosses(singleProcessLosses(dir), trainLosses(run));
  }

  /**
   * A cluster run is stopped twice and resumed by its chief each time, against the same ps tasks:
   *
   * <ul>
   *   <li>asked to stop after step 60 (the test seam pauses it there), the chief writes a
   *       checkpoint and tells worker 1 to stop;
   *   <li>after step 125 the chief and worker 1 are killed (SIGKILL), so the ps tasks hold the
   *       weights of step 125 while the newest checkpoint is step 120: the resumed chief restores
   *       step 120 and rewinds the gradient accumulators, whose step is 125, to accept step 121.
   * </ul>
   *
   * The losses equal the single-process run's, as an uninterrupted cluster run's do.
   */
  @Test
  void aClusterRunStoppedOrKilledResumesFromTheChiefsCheckpoint(@TempDir Path dir)
      throws Exception {
    String base = BASE.replace("eval_every: 150", "eval_every: 150\n  checkpoint_every: 10");
    Path config = clusterConfig(dir, base, 2);
    Path run = dir.resolve("run");
    List<Child> tasks = new ArrayList<>(psTasks(dir, config, 2));
    try {
      Child worker1 = worker(dir, config, 1, "worker1", run);
      tasks.add(worker1);
      Child chief = worker(dir, config, 0, "chief", run, pauseAfter(60));
      tasks.add(chief);
      chief.await("paused after step 60 ");
      chief.signal(Child.stopSignal());
      assertEquals(130, chief.finish(), chief.text());
      assertTrue(chief.text().contains("--resume"), "says how to resume: " + chief.text());
      assertEquals(0, worker1.finish(), "worker 1 stops with the chief: " + worker1.text());
      assertFalse(Files.exists(run.resolve("results.json")));

      Child worker1b = worker(dir, config, 1, "worker1b", run);
      tasks.add(worker1b);
      Child chiefB = worker(dir, config, 0, "chief-b", run, pauseAfter(125), "--resume");
      tasks.add(chiefB);
      chiefB.await("paused after step 125 ");
      assertTrue(chiefB.text().contains("resumed from step 60"), chiefB.text());
      chiefB.process.destroyForcibly().waitFor();
      worker1b.process.destroyForcibly().waitFor();

      Child worker1c = worker(dir, config, 1, "worker1c", run);
      tasks.add(worker1c);
      Child chiefC = worker(dir, config, 0, "chief-c", run, "--resume");
      tasks.add(chiefC);
      assertEquals(0, chiefC.finish(), chiefC.text());
      assertTrue(chiefC.text().contains("resumed from step 120"), chiefC.text());
      assertEquals(0, worker1c.finish(), worker1c.text());
    } finally {
      stopAll(tasks);
    }
    assertTrue(Files.exists(run.resolve("results.json")));
    assertSameLosses(singleProcessLosses(dir), trainLosses(run));
  }

  private static Map<String, String> pauseAfter(long step) {
    return Map.of("ABLATE_THREADS", "1", "ABLATE_TEST_PAUSE_AFTER_STEP", String.valueOf(step));
  }

  /** The chief's log names both ps tasks, each holding between a third and two thirds of it. */
  private static void assertWeightsOnBothPsTasks(String chiefLog) {
    Matcher line = Pattern.compile("weights on 2 ps task\\(s\\):(.*)").matcher(chiefLog);
    assertTrue(line.find(), "the chief logs where the weights are: " + chiefLog);
    Matcher task =
        Pattern.compile("/job:ps/replica:0/task:(\\d)\\S* ([0-9,]+) bytes").matcher(line.group(1));
    long[] bytes = new long[2];
    while (task.find()) {
      bytes[Integer.parseInt(task.group(1))] = Long.parseLong(task.group(2).replace(",", ""));
    }
    long total = bytes[0] + bytes[1];
    for (long b : bytes) {
      assertTrue(b > total / 3 && b < 2 * total / 3, "balanced by size: " + line.group(0));
    }
  }

  /** The training losses of the same global batch in one process: 2 micro-batches of 16. */
  private static List<Double> singleProcessLosses(Path dir) throws Exception {
    Path single = dir.resolve("single");
    Files.createDirectories(single);
    EndToEndTest.run(
        BASE.replace("batch_size: 16", "batch_size: 16\n  accumulate: 2"), single, List.of());
    return trainLosses(single.resolve("run"));
  }

  private static void assertSameLosses(List<Double> expected, List<Double> actual) {
    assertEquals(expected.size(), actual.size(), "log intervals " + actual);
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(
          expected.get(i),
          actual.get(i),
          1e-4 * Math.max(1, Math.abs(expected.get(i))),
          "train loss of log interval " + i);
    }
  }

  private static List<Double> trainLosses(Path run) {
    return MetricsLog.read(run.resolve("metrics.jsonl")).stream()
        .filter(m -> "train".equals(m.get("kind")))
        .map(m -> ((Number) m.get("train_loss")).doubleValue())
        .toList();
  }
}
