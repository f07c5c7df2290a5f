package org.ablate.training.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the system tools the corpus builder uses (apt, dpkg-deb, tar) and collects their output. */
final class Processes {
  /** The longest any one tool may take; beyond it the tool is stopped. */
  static final int TIMEOUT_MINUTES = 30;

  private Processes() {}

  /** Runs {@code cmd} in {@code dir}; its output, or a {@link DataException} naming its failure. */
  static String run(Path dir, String... cmd) {
    Result r = start(dir, List.of(cmd));
    if (r.code() != 0) {
      String tail = r.output().lines().reduce((a, b) -> b).orElse("");
      throw new DataException(
          String.join(" ", cmd.length > 4 ? List.of(cmd[0], cmd[1], "...") : List.of(cmd))
              + " exited with "
              + r.code()
              + (tail.isEmpty() ? "" : ": " + tail));
    }
    return r.output();
  }

  /** Runs {@code cmd} and returns its output whatever its exit code (for queries that may miss). */
  static String runLenient(List<String> cmd) {
    return start(Path.of("."), cmd).output();
  }

  /** A finished tool: its exit code and its standard output and error, merged. */
  record Result(int code, String output) {}

  static Result start(Path dir, List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new DataException(
            cmd.get(0) + " did not finish within " + TIMEOUT_MINUTES + " minutes.");
      }
      return new Result(p.exitValue(), output);
    } catch (IOException e) {
      throw new DataException(
          "cannot run "
              + cmd.get(0)
              + " ("
              + e.getMessage()
              + "); the corpus builder needs a Debian or Ubuntu system with apt and dpkg.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataException("interrupted while " + cmd.get(0) + " ran.");
    }
  }
}
