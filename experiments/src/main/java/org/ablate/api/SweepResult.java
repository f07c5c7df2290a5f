package org.ablate.api;

import java.nio.file.Path;
import java.util.List;
import org.ablate.experiments.sweep.SweepJob;

/**
 * What a sweep run left: its folder, how many of its trials are done and how many failed, and, once
 * every trial is done, its report and the runs as {@link RunResult}s.
 */
public record SweepResult(SweepJob.Outcome outcome) {
  public Path directory() {
    return outcome.dir();
  }

  public boolean complete() {
    return outcome.complete();
  }

  public int failed() {
    return outcome.failed();
  }

  /**
   * The report folder (report.html, report.md, summary.csv), or null before every trial is done.
   */
  public Path report() {
    return outcome.report();
  }

  /** Every finished trial's run. */
  public List<RunResult> runs() {
    return RunResult.find(List.of(outcome.dir().resolve("trials")));
  }
}
