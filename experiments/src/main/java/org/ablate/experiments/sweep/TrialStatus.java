package org.ablate.experiments.sweep;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ablate.training.loop.MetricsLog;

/**
 * A live line per running trial of a sweep, every few seconds: its step of the total, its latest
 * dev value of the selection metric, and an ETA that never exceeds the trial's time budget.
 */
final class TrialStatus implements AutoCloseable {
  private final PrintStream console;
  private final Map<Trial, Path> running = new ConcurrentHashMap<>();
  private final Map<Trial, Long> shown = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean closed;

  TrialStatus(PrintStream console, int everySeconds) {
    this.console = console;
    this.thread =
        new Thread(
            () -> {
              while (!closed) {
                try {
                  Thread.sleep(everySeconds * 1000L);
                } catch (InterruptedException e) {
                  return;
                }
                report();
              }
            },
            "sweep-status");
    thread.setDaemon(true);
    thread.start();
  }

  void started(Trial trial, Path runFolder) {
    running.put(trial, runFolder);
  }

  void ended(Trial trial) {
    running.remove(trial);
    shown.remove(trial);
  }

  private void report() {
    running.forEach(
        (trial, run) -> {
          String line = line(trial, run);
          if (line != null) {
            console.println(line);
          }
        });
  }

  /** The status of a running trial, or null when it has not logged a new step since the last. */
  private String line(Trial trial, Path run) {
    Path file = run.resolve("metrics.jsonl");
    if (!Files.exists(file)) {
      return null;
    }
    List<Map<String, Object>> lines;
    try {
      lines = MetricsLog.read(file);
    } catch (RuntimeException e) {
      return null; // being written: the next report reads it
    }
    if (lines.isEmpty()) {
      return null;
    }
    Map<String, Object> last = lines.get(lines.size() - 1);
    long step = ((Number) last.get("step")).longValue();
    if (Long.valueOf(step).equals(shown.put(trial, step))) {
      return null;
    }
    long total = trial.config().training().steps();
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "  running %s seed %d: step %d/%d",
                trial.label(),
                trial.seed(),
                step,
                total));
    String metric = trial.config().training().selectBy();
    for (int i = lines.size() - 1; i >= 0; i--) {
      Object v = lines.get(i).get(metric);
      if (v instanceof Number n) {
        sb.append(String.format(Locale.ROOT, ", %s %.4g", metric, n.doubleValue()));
        break;
      }
    }
    if (last.get("seconds") instanceof Number s && step > 0) {
      double seconds = s.doubleValue();
      double eta = seconds / step * (total - step);
      Double minutes = trial.config().training().maxMinutes();
      if (minutes != null) {
        eta = Math.min(eta, Math.max(0, minutes * 60 - seconds));
      }
      Double budget = trial.config().training().budgetFlops();
      double flops = lastFlops(lines);
      if (budget != null && flops > 0) {
        double done = Math.min(1, flops / budget);
        eta = Math.min(eta, seconds * (1 - done) / done);
        sb.append(String.format(Locale.ROOT, ", %.0f%% of the FLOP budget", 100 * done));
      }
      sb.append(", eta ")
          .append(
              Duration.ofSeconds(Math.round(eta)).toString().substring(2).toLowerCase(Locale.ROOT));
    }
    return sb.toString();
  }

  /** The FLOPs of the newest training line (0 before the first). */
  private static double lastFlops(List<Map<String, Object>> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).get("flops") instanceof Number n) {
        return n.doubleValue();
      }
    }
    return 0;
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
