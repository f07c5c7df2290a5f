package org.ablate.training.loop;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
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
  private double budgetSeconds = Double.POSITIVE_INFINITY;
  private double budgetDone = Double.NaN;

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

  /**
   * A wall-clock budget: training stops within {@code seconds} from now, so the ETA is never later
   * than that.
   */
  public Progress budget(double seconds) {
    this.budgetSeconds = Math.max(0, seconds);
    return this;
  }

  /**
   * The share of a work budget (FLOPs) spent so far, from the start of this session: the ETA is
   * then never later than that pace implies.
   */
  public Progress budgetDone(double fraction) {
    this.budgetDone = fraction;
    return this;
  }

  /** True when standard error is a terminal. */
  public static boolean terminal() {
    return System.console() != null && !"true".equals(System.getenv("CI"));
  }

  public void step(long step, String message) {
    double seconds = (System.nanoTime() - startedAt) / 1e9;
    double budgetLeft = budgetSeconds - seconds;
    if (budgetDone > 0 && budgetDone <= 1) {
      budgetLeft = Math.min(budgetLeft, seconds * (1 - budgetDone) / budgetDone);
    }
    if (bar != null) {
      bar.stepTo(step);
      bar.setExtraMessage(
          Double.isInfinite(budgetLeft)
              ? message
              : message + " | budget left " + duration(budgetLeft));
      return;
    }
    long every = Math.max(1, total / 20);
    if (step == total || step / every != lastLine) {
      lastLine = step / every;
      double eta = eta(seconds, step - start, total - step, budgetLeft);
      out.printf(
          Locale.ROOT,
          "step %d/%d | %s | %.0fs elapsed, eta %s%n",
          step,
          total,
          message,
          seconds,
          duration(eta));
    }
  }

  /**
   * Seconds left: the pace so far times the steps left, but never later than the time budget left,
   * since training stops there.
   */
  static double eta(double elapsed, long stepsDone, long stepsLeft, double budgetLeft) {
    double perStep = elapsed / Math.max(1, stepsDone);
    return Math.min(perStep * stepsLeft, budgetLeft);
  }

  /** {@code 4m10s}, {@code 1h2m3s}. */
  static String duration(double seconds) {
    return Duration.ofSeconds(Math.max(0, Math.round(seconds)))
        .toString()
        .substring(2)
        .toLowerCase(Locale.ROOT);
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
