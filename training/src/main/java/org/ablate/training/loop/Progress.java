package org.ablate.training.loop;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Training progress: on a terminal, a live bar with steps, speed, loss and ETA (the progressbar
 * library); otherwise (logs, CI) a plain line every few percent, so captured output stays readable.
 */
public final class Progress implements AutoCloseable {
  private final ProgressBar bar;
  private final PrintStream out;
  private final long total;
  private final long start;
  private long lastLine = -1;
  private final long startedAt = System.nanoTime();

  public Progress(String name, long start, long total, PrintStream out, boolean interactive) {
    this.out = out;
    this.total = total;
    this.start = start;
    this.bar =
        interactive
            ? new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax(total)
                .startsFrom(start, Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .setUnit(" steps", 1)
                .build()
            : null;
  }

  /** True when standard error is a terminal. */
  public static boolean terminal() {
    return System.console() != null && !"true".equals(System.getenv("CI"));
  }

  public void step(long step, String message) {
    if (bar != null) {
      bar.stepTo(step);
      bar.setExtraMessage(message);
      return;
    }
    long every = Math.max(1, total / 20);
    if (step == total || step / every != lastLine) {
      lastLine = step / every;
      double seconds = (System.nanoTime() - startedAt) / 1e9;
      double perStep = seconds / Math.max(1, step - start);
      long eta = Math.round(perStep * (total - step));
      out.printf(
          "step %d/%d | %s | %.0fs elapsed, eta %s%n",
          step,
          total,
          message,
          seconds,
          Duration.ofSeconds(eta).toString().substring(2).toLowerCase());
    }
  }

  /** Prints a line without breaking the bar. */
  public void println(String line) {
    if (bar != null) {
      out.print("\r\033[K");
    }
    out.println(line);
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
