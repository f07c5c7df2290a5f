package org.ablate.experiments.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ablate.training.io.AtomicFiles;
import org.ablate.training.metrics.PairedBootstrap;

/**
 * Writes a comparison as {@code summary.csv} (one row per run), {@code report.md} (tables, PNG
 * plots beside it) and a self-contained {@code report.html} (plots embedded), and renders the main
 * table as text for the console.
 */
public final class ReportWriter {
  private final Comparison c;
  private final String title;
  private final Map<String, Charts.Plot> plots = new LinkedHashMap<>();
  private final List<Comparison.Test> tests;
  private final List<List<String>> runs;
  private final List<List<String>> configDifferences;
  private final List<List<String>> samples;
  private final ConfusionMatrices confusion;

  public ReportWriter(Comparison comparison, String title) throws IOException {
    this.c = comparison;
    this.title = title;
    this.tests = comparison.tests();
    this.runs = runRows();
    this.configDifferences = configRows();
    this.samples = sampleRows();
    this.confusion = ConfusionMatrices.of(comparison);
    String curveMetric = comparison.primary().replace("test_", "dev_");
    put("curve-steps.png", Charts.learningCurves(comparison, "dev", curveMetric, false));
    put("curve-seconds.png", Charts.learningCurves(comparison, "dev", curveMetric, true));
    put("train-loss-steps.png", Charts.learningCurves(comparison, "train", "train_loss", false));
    for (String m : comparison.metrics()) {
      if (m.startsWith("test_")) {
        put("metric-" + m + ".png", Charts.bars(comparison, m));
      }
    }
    for (String dimension : comparison.numericDimensions()) {
      for (String m : mainColumns()) {
        if (m.startsWith("test_")) {
          put(
              "scaling-"
                  + m
                  + "-by-"
                  + dimension.substring(dimension.lastIndexOf('.') + 1)
                  + ".png",
              Charts.scaling(comparison, m, dimension));
        }
      }
    }
  }

  private void put(String name, Charts.Plot plot) {
    if (plot != null) {
      plots.put(name, plot);
    }
  }

  /**
   * The columns of the main table: test metrics (of every test set, without loss and token
   * accuracy, which perplexity and the decoded metrics say better), then size, steps, FLOPs, time
   * and throughput.
   */
  private List<String> mainColumns() {
    List<String> cols = new ArrayList<>();
    for (String m : c.metrics()) {
      if (m.startsWith("test_") && !m.endsWith("_loss") && !m.endsWith("_token_accuracy")) {
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
    boolean counted =
        metric.equals("parameters") || metric.equals("steps") || metric.endsWith("flops");
    if (Double.isNaN(s.halfWidth()) || (counted && s.halfWidth() == 0)) {
      return mean; // a count every seed shares (parameters, a step or FLOP budget) has no interval
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
            || metric.equals("last_step")
            || metric.endsWith("_per_second")
            || metric.endsWith("seconds");
    if (whole) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (metric.endsWith("flops")) {
      return String.format(Locale.ROOT, "%.3e", value);
    }
    return metric.contains("bleu") || metric.contains("chrf")
        ? String.format(Locale.ROOT, "%.2f", value)
        : String.format(Locale.ROOT, "%.4f", value);
  }

  /** A header row (arm, runs, the metrics) and per arm its run count and each metric's summary. */
  private List<List<String>> metricRows(List<String> cols) {
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("arm", "runs"));
    header.addAll(cols);
    rows.add(header);
    for (String arm : c.arms().keySet()) {
      List<String> row = new ArrayList<>(List.of(arm, String.valueOf(c.arms().get(arm).size())));
      cols.forEach(m -> row.add(format(m, c.summary(arm, m))));
      rows.add(row);
    }
    return rows;
  }

  /** The main table as aligned text. */
  public String consoleTable() {
    List<List<String>> rows = metricRows(mainColumns());
    int[] widths = new int[rows.get(0).size()];
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
        sb.append(verdict(t)).append('\n');
      }
    }
    return sb.toString();
  }

  /**
   * The verdict on one metric: which arm is better and by how much, the bootstrap CI of the
   * difference, p, and "not significant at 5%" when p >= 0.05.
   */
  public static String verdict(Comparison.Test t) {
    PairedBootstrap.Result b = t.result();
    boolean aAhead = b.observedA() >= b.observedB();
    String better = aAhead ? t.a() : t.b();
    String worse = aAhead ? t.b() : t.a();
    double low = aAhead ? b.differenceLow() : -b.differenceHigh();
    double high = aAhead ? b.differenceHigh() : -b.differenceLow();
    String metric = t.metric();
    String line =
        b.observedA() == b.observedB()
            ? String.format(
                "%s: %s and %s tie at %s", metric, t.a(), t.b(), number(metric, b.observedA()))
            : String.format(
                "%s: %s is better than %s by %s (%s vs %s; 95%% CI of the difference [%s, %s])",
                metric,
                better,
                worse,
                number(metric, Math.abs(b.observedA() - b.observedB())),
                number(metric, Math.max(b.observedA(), b.observedB())),
                number(metric, Math.min(b.observedA(), b.observedB())),
                number(metric, low),
                number(metric, high));
    return line
        + String.format(Locale.ROOT, ", p = %.3f", b.pValue())
        + (b.pValue() >= 0.05 ? ", not significant at 5%." : ", significant at 5%.");
  }

  public void write(Path out) throws IOException {
    Files.createDirectories(out);
    for (Map.Entry<String, Charts.Plot> p : plots.entrySet()) {
      AtomicFiles.write(out.resolve(p.getKey()), p.getValue().png());
      AtomicFiles.write(out.resolve(p.getKey().replaceAll("\\.png$", ".svg")), p.getValue().svg());
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

  /** How to read the verdicts' p-values and intervals, which differ in sidedness. */
  static String verdictsExplained() {
    return "p is one-sided (Koehn 2004): the share of the "
        + String.format(Locale.ROOT, "%,d", Comparison.BOOTSTRAP_SAMPLES)
        + " resamples in which the better arm does not win. The CI is the two-sided 95%"
        + " percentile interval of the difference, so a p between 0.025 and 0.05 can come with a CI"
        + " that includes 0: read such a result as borderline.";
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
    sb.append(Tables.markdown(metricRows(mainColumns()))).append('\n');
    if (!tests.isEmpty()) {
      sb.append("## Verdicts (paired bootstrap over the test examples)\n\n");
      sb.append(verdictsExplained()).append("\n\n");
      tests.forEach(t -> sb.append("- ").append(verdict(t)).append('\n'));
      sb.append('\n');
    }
    sb.append("## Runs\n\n").append(Tables.markdown(runs)).append('\n');
    if (!samples.isEmpty()) {
      sb.append("## Sample test outputs\n\n").append(Tables.markdown(samples)).append('\n');
    }
    if (!confusion.isEmpty()) {
      sb.append("## Confusion matrices\n\n").append(confusion.markdown());
    }
    sb.append("## Config keys on which the arms differ\n\n")
        .append(
            configDifferences.size() > 1
                ? Tables.markdown(configDifferences)
                : "None: the arms share every key.\n")
        .append('\n');
    sb.append("## Every metric\n\n").append(Tables.markdown(metricRows(c.metrics()))).append('\n');
    sb.append("## Fairness\n\n");
    c.fairnessNotes().forEach(n -> sb.append("- ").append(n).append('\n'));
    sb.append('\n');
    for (String name : plots.keySet()) {
      sb.append("![").append(name).append("](").append(name).append(")\n\n");
    }
    return sb.toString();
  }

  /**
   * Per run: seed, selected step, selection metric, the primary test metric of the selected and of
   * the newest checkpoint, stop reason, steps, FLOPs, seconds, folder.
   */
  private List<List<String>> runRows() {
    List<List<String>> rows = new ArrayList<>();
    String primary = c.primary();
    rows.add(
        List.of(
            "arm",
            "seed",
            "selected step",
            "selected by",
            primary,
            "newest step",
            primary + " of the newest",
            "stop reason",
            "steps",
            "training FLOPs",
            "train seconds",
            "folder"));
    c.arms()
        .forEach(
            (arm, runs) ->
                runs.forEach(
                    r ->
                        rows.add(
                            List.of(
                                arm,
                                String.valueOf(r.seed()),
                                cell(r, "best_step"),
                                String.valueOf(r.results().getOrDefault("select_by", "-")),
                                cell(r, primary),
                                cell(r, "last_step"),
                                r.number("last_" + primary) != null
                                    ? cell(r, "last_" + primary)
                                    : cell(r, primary),
                                String.valueOf(r.results().getOrDefault("stop_reason", "-")),
                                cell(r, "steps"),
                                cell(r, "train_flops"),
                                cell(r, "train_seconds"),
                                r.dir().toString()))));
    return rows;
  }

  private static String cell(RunRecord r, String key) {
    Double v = r.number(key);
    return v == null ? "-" : number(key, v);
  }

  /** The config keys on which the arms differ, one row each, with every arm's value. */
  private List<List<String>> configRows() {
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("key"));
    header.addAll(c.arms().keySet());
    rows.add(header);
    c.configDifferences()
        .forEach(
            (key, values) -> {
              List<String> row = new ArrayList<>(List.of(key));
              row.addAll(values.values());
              rows.add(row);
            });
    return rows;
  }

  /** How many test examples the report shows side by side. */
  static final int SAMPLES = 8;

  /**
   * The first {@value #SAMPLES} test examples of a translation comparison: source, reference and
   * each arm's output (its first run's); empty when the runs recorded no texts.
   */
  private List<List<String>> sampleRows() {
    RunRecord first = c.arms().values().iterator().next().get(0);
    List<List<String>> rows = new ArrayList<>();
    if (first.details().isEmpty() || !first.details().get(0).containsKey("source")) {
      return rows;
    }
    List<String> header = new ArrayList<>(List.of("#", "source", "reference"));
    header.addAll(c.arms().keySet());
    rows.add(header);
    List<List<String>> outputs = new ArrayList<>();
    for (List<RunRecord> runs : c.arms().values()) {
      Path file = runs.get(0).dir().resolve("test_outputs.txt");
      try {
        outputs.add(Files.isRegularFile(file) ? Files.readAllLines(file) : List.of());
      } catch (IOException e) {
        outputs.add(List.of());
      }
    }
    for (int i = 0; i < Math.min(SAMPLES, first.details().size()); i++) {
      Map<String, Object> d = first.details().get(i);
      List<String> row =
          new ArrayList<>(
              List.of(
                  String.valueOf(i + 1),
                  String.valueOf(d.get("source")),
                  String.valueOf(d.get("reference"))));
      for (List<String> out : outputs) {
        row.add(i < out.size() ? out.get(i) : "-");
      }
      rows.add(row);
    }
    return rows;
  }

  String html() {
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
        .append(Tables.escape(title))
        .append("</title><style>")
        .append(
            "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222}")
        .append(
            "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
        .append(
            "th{background:#f3f3f3;word-break:normal;overflow-wrap:normal}"
                + "td:first-child,th:first-child{text-align:left}img{max-width:100%;margin:1em 0}"
                + ".wide{overflow-x:auto;max-width:100%}table{font-size:14px}.rows td{text-align:left}")
        .append("</style></head><body>");
    sb.append("<h1>").append(Tables.escape(title)).append("</h1>");
    sb.append("<p>").append(Tables.escape(intervals())).append("</p>");
    signatureLines().forEach(l -> sb.append("<p>").append(Tables.escape(l)).append("</p>"));
    sb.append(Tables.html(metricRows(mainColumns()), false));
    if (!tests.isEmpty()) {
      sb.append("<h2>Verdicts (paired bootstrap over the test examples)</h2>");
      sb.append("<p>").append(Tables.escape(verdictsExplained())).append("</p><ul>");
      tests.forEach(t -> sb.append("<li>").append(Tables.escape(verdict(t))).append("</li>"));
      sb.append("</ul>");
    }
    // what a reader checks first (runs, differences, outputs) comes before the plots
    sb.append("<h2>Runs</h2>").append(Tables.html(runs, true));
    sb.append("<h2>Config keys on which the arms differ</h2>")
        .append(
            configDifferences.size() > 1
                ? Tables.html(configDifferences, true)
                : "<p>None: the arms share every key.</p>");
    if (!samples.isEmpty()) {
      sb.append("<h2>Sample test outputs</h2>").append(Tables.html(samples, true));
    }
    if (!confusion.isEmpty()) {
      sb.append("<h2>Confusion matrices</h2>").append(confusion.html());
    }
    sb.append("<h2>Plots</h2>");
    plots.forEach(
        (name, plot) ->
            sb.append("<img alt=\"")
                .append(name)
                .append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(plot.png()))
                .append("\">"));
    sb.append("<h2>Every metric</h2>").append(Tables.html(metricRows(c.metrics()), false));
    sb.append("<h2>Fairness</h2><ul>");
    c.fairnessNotes().forEach(n -> sb.append("<li>").append(Tables.escape(n)).append("</li>"));
    sb.append("</ul></body></html>\n");
    return sb.toString();
  }
}
