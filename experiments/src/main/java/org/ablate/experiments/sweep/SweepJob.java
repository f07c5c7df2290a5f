package org.ablate.experiments.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ablate.experiments.report.Reports;

/**
 * Runs a sweep's trials (those not already done) and, once every trial of every shard has finished,
 * writes its comparison report into {@code DIR/report}.
 */
public final class SweepJob {
  /**
   * What a sweep run left: how many trials the sweep has and how many are done, how many failed
   * this time, whether it was stopped, and the report folder (null until every trial is done).
   */
  public record Outcome(
      Path dir, int trials, long done, int failed, boolean stopped, Path report, String table) {
    public boolean complete() {
      return report != null;
    }
  }

  private SweepJob() {}

  /** How often, by default, a sweep prints a line per running trial. */
  public static final int DEFAULT_STATUS_SECONDS = 30;

  /**
   * Runs {@code trials} not yet done in {@code dir}, {@code parallel} at a time, each in its own
   * process, printing a status line per running trial every {@code statusSeconds}; then writes the
   * report.
   */
  public static Outcome run(
      SweepPlan plan,
      List<Trial> trials,
      Path dir,
      int parallel,
      PrintStream console,
      AtomicBoolean stop,
      List<Path> plugins,
      int statusSeconds)
      throws IOException, InterruptedException {
    int failed =
        new SweepRunner(console, stop, plugins)
            .statusEvery(statusSeconds)
            .run(plan, trials, dir, parallel);
    long done =
        plan.trials().stream()
            .filter(t -> SweepRunner.status(dir, t) == SweepRunner.Status.DONE)
            .count();
    if (stop.get() || done < plan.trials().size()) {
      return new Outcome(dir, plan.trials().size(), done, failed, stop.get(), null, null);
    }
    String title =
        plan.config().name()
            + (plan.config().description() == null ? "" : ": " + plan.config().description());
    Path report = dir.resolve("report");
    String table = Reports.write(List.of(dir.resolve("trials")), report, title);
    return new Outcome(dir, plan.trials().size(), done, failed, false, report, table);
  }
}
