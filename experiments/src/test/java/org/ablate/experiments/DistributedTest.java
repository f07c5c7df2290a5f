package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.concurrent.TimeUnit;
import org.ablate.training.loop.MetricsLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loopback cluster (1 ps + 2 workers, each its own process, 127.0.0.1 ports only) trains the copy
 * task: it learns, every worker sees different data, and it tracks the single-process run with the
 * same global batch (accumulate: 2) step for step.
 */
class DistributedTest {
  static final String BASE =
      EndToEndTest.TINY_COPY
          .replace("batch_size: 32", "batch_size: 16")
          .replace("log_every: 25", "log_every: 5");

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static Process ablate(Path log, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "org.ablate.experiments.cli.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    pb.environment().put("ABLATE_THREADS", "1");
    return pb.start();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aLoopbackClusterLearnsWithDisjointDataAndTracksTheSingleProcessRun(@TempDir Path dir)
      throws Exception {
    int ps = freePort();
    int w0 = freePort();
    int w1 = freePort();
    String cluster =
        "cluster:\n  ps: [127.0.0.1:"
            + ps
            + "]\n  worker: [127.0.0.1:"
            + w0
            + ", 127.0.0.1:"
            + w1
            + "]\n";
    Path config = Files.writeString(dir.resolve("cluster.yaml"), BASE + cluster);
    Path run = dir.resolve("run");
    Process psTask =
        ablate(dir.resolve("ps.log"), "worker", config.toString(), "--job", "ps", "--task", "0");
    Process worker1 =
        ablate(
            dir.resolve("worker1.log"),
            "worker",
            config.toString(),
            "--job",
            "worker",
            "--task",
            "1",
            "--output-dir",
            run.toString());
    Process chief =
        ablate(
            dir.resolve("chief.log"),
            "worker",
            config.toString(),
            "--job",
            "worker",
            "--task",
            "0",
            "--output-dir",
            run.toString());
    try {
      assertTrue(chief.waitFor(10, TimeUnit.MINUTES), "chief finished");
      assertEquals(0, chief.exitValue(), Files.readString(dir.resolve("chief.log")));
      assertTrue(worker1.waitFor(2, TimeUnit.MINUTES), "worker 1 stopped when the chief finished");
      assertEquals(0, worker1.exitValue(), Files.readString(dir.resolve("worker1.log")));
    } finally {
      psTask.destroyForcibly();
      worker1.destroyForcibly();
      chief.destroyForcibly();
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

    // The same global batch in one process: accumulate 2 micro-batches of 16.
    Path single = dir.resolve("single");
    Files.createDirectories(single);
    EndToEndTest.run(
        BASE.replace("batch_size: 16", "batch_size: 16\n  accumulate: 2"), single, List.of());
    List<Double> a = trainLosses(run);
    List<Double> b = trainLosses(single.resolve("run"));
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(
          b.get(i),
          a.get(i),
          1e-4 * Math.max(1, Math.abs(b.get(i))),
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
