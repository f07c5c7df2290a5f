package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Ablate's command line in a child JVM, for tests of signals, memory and working folders. */
final class Child {
  final Process process;
  final Path log;

  private Child(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code ablate args} in {@code workDir} with extra environment and JVM options. */
  static Child start(
      Path workDir, Path log, Map<String, String> env, List<String> jvm, String... args)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvm);
    cmd.addAll(
        List.of("-cp", System.getProperty("java.class.path"), "org.ablate.experiments.cli.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    pb.environment().remove("ABLATE_TEST_PAUSE_AFTER_STEP");
    pb.environment().putAll(env);
    return new Child(pb.start(), log);
  }

  /** Waits (with a generous bound against hangs) for the child to end; returns its exit code. */
  int finish() throws Exception {
    assertTrue(process.waitFor(10, TimeUnit.MINUTES), "ablate finished: " + text());
    return process.exitValue();
  }

  /** Waits until the child's output contains {@code marker}; the deadline only guards hangs. */
  void await(String marker) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!text().contains(marker)) {
      assertTrue(process.isAlive(), "ended before '" + marker + "': " + text());
      assertTrue(System.nanoTime() < deadline, "no '" + marker + "' within 5 minutes: " + text());
      Thread.sleep(20);
    }
  }

  /**
   * The signal that asks a child to stop: SIGINT, or SIGTERM (which takes the same path) when this
   * process ignores SIGINT, as a job started in the background by a non-interactive shell ({@code
   * cmd &}) does; its children inherit that, so Ctrl-C cannot reach them.
   */
  static String stopSignal() throws Exception {
    Path status = Path.of("/proc/self/status");
    if (Files.exists(status)) {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("SigIgn:")) {
          long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
          return (mask & (1L << (2 - 1))) != 0 ? "TERM" : "INT"; // SIGINT is signal 2
        }
      }
    }
    return "INT";
  }

  void signal(String name) throws Exception {
    new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start().waitFor();
  }

  String text() throws Exception {
    return Files.exists(log) ? Files.readString(log) : "";
  }
}
