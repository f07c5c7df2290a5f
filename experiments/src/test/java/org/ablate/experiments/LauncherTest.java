package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ./ablate launcher's pieces: the filter of TensorFlow's start-up lines, and its build. */
class LauncherTest {
  private static final Path FILTER = Repo.root().resolve("scripts/filter-tf-logs.pl");

  private static Process filtered(Path dir, String script) throws Exception {
    return new ProcessBuilder(List.of("perl", FILTER.toString(), "sh", "-c", script))
        .redirectOutput(dir.resolve("out.txt").toFile())
        .redirectError(dir.resolve("err.txt").toFile())
        .start();
  }

  @Test
  void tensorFlowsStartUpLinesAreDroppedAndEverythingElseKept(@TempDir Path dir) throws Exception {
    String script =
        "printf 'WARNING: All log messages before absl::InitializeLog() is called are written to"
            + " STDERR\\n' >&2; "
            + "printf 'I0000 00:00:1796229682.868374    2324 mlir_graph_optimization_pass.cc:401]"
            + " MLIR V1 optimization pass is not enabled\\n' >&2; "
            + "printf 'data: copy\\n\\rtrain 10%%\\rtrain 20%%\\n' >&2; "
            + "printf 'E0000 00:00:1.5 7 x.cc:1] a real error\\nIt stays\\nno newline' >&2; "
            + "printf 'translation\\n'; exit 3";
    Process p = filtered(dir, script);
    assertTrue(p.waitFor(1, TimeUnit.MINUTES));
    assertEquals(3, p.exitValue(), "the command's exit code");
    assertEquals("translation\n", Files.readString(dir.resolve("out.txt")));
    assertEquals(
        "data: copy\n\rtrain 10%\rtrain 20%\nE0000 00:00:1.5 7 x.cc:1] a real error\nIt stays\nno newline",
        Files.readString(dir.resolve("err.txt")));
  }

  @Test
  void sigtermReachesTheCommand(@TempDir Path dir) throws Exception {
    Process p =
        filtered(
            dir,
            "trap 'echo got TERM >&2; exit 7' TERM; echo ready >&2; while :; do sleep 0.05; done");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!Files.readString(dir.resolve("err.txt")).contains("ready")) {
      assertTrue(System.nanoTime() < deadline && p.isAlive(), "the command started");
      Thread.sleep(20);
    }
    new ProcessBuilder("kill", "-TERM", String.valueOf(p.pid())).start().waitFor();
    assertTrue(p.waitFor(1, TimeUnit.MINUTES));
    assertEquals(7, p.exitValue());
    assertTrue(Files.readString(dir.resolve("err.txt")).contains("got TERM"));
  }

  @Test
  void theLauncherRunsJavaThroughTheFilterAndMavenWritesNoColourCodes(@TempDir Path dir)
      throws Exception {
    String launcher = Files.readString(Repo.root().resolve("ablate"));
    assertTrue(launcher.contains("exec perl \"$here/scripts/filter-tf-logs.pl\""), launcher);
    // the launcher's own Maven call, on the project's .mvn settings (quiet: no other output)
    Path log = dir.resolve("mvn.log");
    Process mvn =
        new ProcessBuilder("mvn", "-q", "-B", "-o", "-N", "-Dstyle.color=never", "validate")
            .directory(Repo.root().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertTrue(mvn.waitFor(5, TimeUnit.MINUTES));
    String out = Files.readString(log);
    assertEquals(0, mvn.exitValue(), out);
    assertFalse(out.contains("\u001b"), "no ANSI escape codes: " + out.replace("\u001b", "ESC"));
  }
}
