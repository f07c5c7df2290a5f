package org.ablate.experiments.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ablate.training.io.AtomicFiles;

/**
 * Writes a comparison as {@code summary.csv} (one row per run), {@code report.md} (tables, PNG
 * plots beside it) and a self-contained {@code report.html} (plots embedded), and renders the main
 * table as text for the console.
 */
public final class ReportWriter {
  private final Comparison c;
  private final String title;
  private final Map<String, byte[]> plots = new LinkedHashMap<>();
  private final List<Comparison.Test> tests;

  public ReportWriter(Comparison comparison, String title) throws IOException {
    this.c = comparison;
    this.title = title;
    this.tests = comparison.tests();
    String curveMetric = comparison.primary().replace("test_", "dev_");
    put("curve-steps.png", Charts.learningCurves(comparison, curveMetric, false));
    put("curve-seconds.png", Charts.learningCurves(comparison, curveMetric, true));
    for (String m : comparison.metrics()) {
      if (m.startsWith("test_")) {
        put("metric-" + m + ".png", Charts.bars(comparison, m));
      }
    }
  }

  private void put(String name, byte[] png) {
    if (png != null) {
      plots.put(name, png);
    }
  }

  /** The columns of the main table: test metrics, then size, steps, FLOPs, time and throughput. */
  private List<String> mainColumns() {
    List<String> cols = new ArrayList<>();
    for (String m : c.metrics()) {
      if (m.startsWith("test_") && !m.equals("test_loss") && !m.equals("test_token_accuracy")) {
        cols.add(m);
      }
    }
    for (String m : c.metrics()) {
      if (m.equals("parameters")
          || m.equals("steps")
          || m.equals("train_flops")
          || m.equals("train_seconds")
          || m.endsWith("_per_second")) {
        cols.add(m);
      }
    }
    return cols;
  }

  static String format(String metric, Stats.Summary s) {
    if (Double.isNaN(s.mean())) {
      return "-";
    }
    String mean = number(metric, s.mean());
    if (Double.isNaN(s.halfWidth()) || metric.equals("parameters")) {
      return mean;
    }
    return mean + " ± " + number(metric, s.halfWidth());
  }

  /**
   * A value of {@code metric} as the table shows it: counts, rates and times as whole numbers with
   * thousands separators, BLEU and chrF with 2 decimals, the rest with 4.
   */
  private static String number(String metric, double value) {
    boolean whole =
        metric.equals("parameters")
            || metric.equals("steps")
            || metric.equals("best_step")
            || metric.endsWith("_per_second")
            || metric.endsWith("seconds");
    if (whole) {
      return String.format("%,.0f", value);
    }
    if (metric.endsWith("flops")) {
      return String.format("%.3e", value);
    }
    return metric.contains("bleu") || metric.contains("chrf")
        ? String.format("%.2f", value)
        : String.format("%.4f", value);
  }

  /** The main table as aligned text. */
  public String consoleTable() {
    List<String> cols = mainColumns();
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("arm", "runs"));
    header.addAll(cols);
    rows.add(header);
    for (String arm : c.arms().keySet()) {
      List<String> row = new ArrayList<>(List.of(arm, String.valueOf(c.arms().get(arm).size())));
      cols.forEach(m -> row.add(format(m, c.summary(arm, m))));
      rows.add(row);
    }
    int[] widths = new int[header.size()];
    for (List<String> r : rows) {
      for (int i = 0; i < r.size(); i++) {
        widths[i] = Math.max(widths[i], r.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < rows.size(); k++) {
      for (int i = 0; i < rows.get(k).size(); i++) {
        sb.append(String.format("%-" + (widths[i] + 2) + "s", rows.get(k).get(i)));
      }
      sb.append('\n');
      if (k == 0) {
        for (int w : widths) {
          sb.append("-".repeat(w)).append("  ");
        }
        sb.append('\n');
      }
    }
    for (Comparison.Test t : tests) {
      if (t.metric().equals(c.primary())) {
        sb.append(testLine(t)).append('\n');
      }
    }
    return sb.toString();
  }

  private static String testLine(Comparison.Test t) {
    Stats.Bootstrap b = t.result();
    String better = b.observedA() >= b.observedB() ? t.a() : t.b();
    return String.format(
        "%s: %s vs %s: %.4g vs %.4g; %s better in %.1f%% of %d paired bootstrap samples (p = %.3f)",
        t.metric(),
        t.a(),
        t.b(),
        b.observedA(),
        b.observedB(),
        better,
        100 * (1 - b.pValue()),
        b.samples(),
        b.pValue());
  }

  public void write(Path out) throws IOException {
    Files.createDirectories(out);
    for (Map.Entry<String, byte[]> p : plots.entrySet()) {
      AtomicFiles.write(out.resolve(p.getKey()), p.getValue());
    }
    AtomicFiles.writeString(out.resolve("summary.csv"), csv());
    AtomicFiles.writeString(out.resolve("report.md"), markdown());
    AtomicFiles.writeString(out.resolve("report.html"), html());
  }

  String csv() {
    List<String> keys = new ArrayList<>(List.of("arm", "seed", "run"));
    keys.addAll(c.metrics());
    StringBuilder sb = new StringBuilder(String.join(",", keys)).append('\n');
    for (Map.Entry<String, List<RunRecord>> arm : c.arms().entrySet()) {
      for (RunRecord r : arm.getValue()) {
        List<String> row =
            new ArrayList<>(
                List.of(quote(arm.getKey()), String.valueOf(r.seed()), quote(r.dir().toString())));
        for (String m : c.metrics()) {
          Double v = r.number(m);
          row.add(v == null ? "" : String.valueOf(v));
        }
        sb.append(String.join(",", row)).append('\n');
      }
    }
    return sb.toString();
  }

  private static String quote(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  /**
   * What the table's figures are: a mean and the half-width of its 95% confidence interval over
   * seeds, or for an arm of one run its value alone.
   */
  String intervals() {
    long single = c.arms().values().stream().filter(runs -> runs.size() < 2).count();
    String checkpoint = "; test metrics on the selected checkpoint.";
    if (single == 0) {
      return "Mean ± half-width of the 95% confidence interval (Student t) over seeds" + checkpoint;
    }
    if (single == c.arms().size()) {
      return "One run per arm, so no confidence interval: 1 run; each figure is that run's value"
          + checkpoint;
    }
    return "Mean ± half-width of the 95% confidence interval (Student t) over seeds; an arm of one"
        + " run shows its value alone (no confidence interval: 1 run)"
        + checkpoint;
  }

  /** One line per metric with a recorded signature, e.g. {@code BLEU signature: nrefs:1|...}. */
  List<String> signatureLines() {
    List<String> out = new ArrayList<>();
    c.signatures()
        .forEach(
            (metric, values) ->
                out.add(
                    (metric.equals("bleu") ? "BLEU" : metric.equals("chrf") ? "chrF" : metric)
                        + " signature (sacreBLEU's notation): "
                        + String.join(" and ", values)));
    return out;
  }

  String markdown() {
    StringBuilder sb = new StringBuilder("# " + title + "\n\n");
    sb.append(intervals()).append("\n\n");
    signatureLines().forEach(l -> sb.append(l).append("\n\n"));
    sb.append(mdTable(mainColumns())).append('\n');
    if (!tests.isEmpty()) {
      sb.append("## Paired bootstrap tests\n\n");
      tests.forEach(t -> sb.append("- ").append(testLine(t)).append('\n'));
      sb.append('\n');
    }
    sb.append("## Every metric\n\n").append(mdTable(c.metrics())).append('\n');
    sb.append("## Fairness\n\n");
    c.fairnessNotes().forEach(n -> sb.append("- ").append(n).append('\n'));
    sb.append('\n');
    for (String name : plots.keySet()) {
      sb.append("![").append(name).append("](").append(name).append(")\n\n");
    }
    return sb.toString();
  }

  private String mdTable(List<String> cols) {
    StringBuilder sb = new StringBuilder("| arm | runs |");
    cols.forEach(m -> sb.append(' ').append(m).append(" |"));
    sb.append("\n|---|---|");
    cols.forEach(m -> sb.append("---|"));
    sb.append('\n');
    for (String arm : c.arms().keySet()) {
      sb.append("| ").append(arm).append(" | ").append(c.arms().get(arm).size()).append(" |");
      cols.forEach(m -> sb.append(' ').append(format(m, c.summary(arm, m))).append(" |"));
      sb.append('\n');
    }
    return sb.toString();
  }

  String html() {
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
        .append(escape(title))
        .append("</title><style>")
        .append(
            "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222}")
        .append(
            "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
        .append(
            "th{background:#f3f3f3;overflow-wrap:anywhere}td:first-child,th:first-child{text-align:left}img{max-width:100%;margin:1em 0}")
        .append("</style></head><body>");
    sb.append("<h1>").append(escape(title)).append("</h1>");
    sb.append("<p>").append(escape(intervals())).append("</p>");
    signatureLines().forEach(l -> sb.append("<p>").append(escape(l)).append("</p>"));
    sb.append(htmlTable(mainColumns()));
    if (!tests.isEmpty()) {
      sb.append("<h2>Paired bootstrap tests</h2><ul>");
      tests.forEach(t -> sb.append("<li>").append(escape(testLine(t))).append("</li>"));
      sb.append("</ul>");
    }
    sb.append("<h2>Plots</h2>");
    plots.forEach(
        (name, png) ->
            sb.append("<img alt=\"")
                .append(name)
                .append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png))
                .append("\">"));
    sb.append("<h2>Every metric</h2>").append(htmlTable(c.metrics()));
    sb.append("<h2>Fairness</h2><ul>");
    c.fairnessNotes().forEach(n -> sb.append("<li>").append(escape(n)).append("</li>"));
    sb.append("</ul><h2>Runs</h2><table><tr><th>arm</th><th>seed</th><th>folder</th></tr>");
    c.arms()
        .forEach(
            (arm, runs) ->
                runs.forEach(
                    r ->
                        sb.append("<tr><td>")
                            .append(escape(arm))
                            .append("</td><td>")
                            .append(r.seed())
                            .append("</td><td>")
                            .append(escape(r.dir().toString()))
                            .append("</td></tr>")));
    sb.append("</table></body></html>\n");
    return sb.toString();
  }

  private String htmlTable(List<String> cols) {
    StringBuilder sb = new StringBuilder("<table><tr><th>arm</th><th>runs</th>");
    cols.forEach(m -> sb.append("<th>").append(escape(m)).append("</th>"));
    sb.append("</tr>");
    for (String arm : c.arms().keySet()) {
      sb.append("<tr><td>")
          .append(escape(arm))
          .append("</td><td>")
          .append(c.arms().get(arm).size())
          .append("</td>");
      cols.forEach(
          m -> sb.append("<td>").append(escape(format(m, c.summary(arm, m)))).append("</td>"));
      sb.append("</tr>");
    }
    return sb.append("</table>").toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
