package org.ablate.api;

import java.nio.file.Path;
import java.util.List;

/**
 * A written comparison report: its folder (report.html, report.md, summary.csv), the table the
 * command line prints, and the runs it compared.
 */
public record Comparison(Path report, String table, List<RunResult> runs) {}
