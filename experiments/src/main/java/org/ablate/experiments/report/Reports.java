package org.ablate.experiments.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Compares the finished runs at or below some folders and writes the report. */
public final class Reports {
  private Reports() {}

  /**
   * Writes {@code summary.csv}, {@code report.md} and {@code report.html} into {@code out}; returns
   * the console table.
   */
  public static String write(List<Path> runsOrSweeps, Path out, String title) throws IOException {
    ReportWriter report = new ReportWriter(new Comparison(RunRecord.find(runsOrSweeps)), title);
    report.write(out);
    return report.consoleTable();
  }
}
