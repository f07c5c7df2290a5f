package org.ablate.experiments.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The test confusion matrix of each arm of a classification comparison: rows are the true classes,
 * columns the predicted ones, counts summed over the arm's runs, and each class's recall (the share
 * of its examples predicted as it). Built from the runs' per-example test details ({@code label},
 * {@code predicted}); class names come from the runs' {@code class_names}.
 */
final class ConfusionMatrices {
  /** Above this many classes the matrices are left out: they would not be readable. */
  static final int MAX_CLASSES = 30;

  /** One arm's matrix: {@code counts[true][predicted]}. */
  record Matrix(String arm, long[][] counts) {
    long rowTotal(int label) {
      long n = 0;
      for (long c : counts[label]) {
        n += c;
      }
      return n;
    }
  }

  private final List<String> names;
  private final List<Matrix> matrices;

  private ConfusionMatrices(List<String> names, List<Matrix> matrices) {
    this.names = names;
    this.matrices = matrices;
  }

  /** The matrices of a comparison; empty when its runs recorded no class predictions. */
  static ConfusionMatrices of(Comparison c) {
    int classes = 0;
    List<String> names = List.of();
    for (List<RunRecord> runs : c.arms().values()) {
      for (RunRecord r : runs) {
        if (r.results().get("class_names") instanceof List<?> l && l.size() > names.size()) {
          names = l.stream().map(String::valueOf).toList();
        }
        for (Map<String, Object> d : r.details()) {
          if (!(d.get("label") instanceof Number label
              && d.get("predicted") instanceof Number predicted)) {
            return new ConfusionMatrices(List.of(), List.of());
          }
          classes = Math.max(classes, 1 + Math.max(label.intValue(), predicted.intValue()));
        }
      }
    }
    classes = Math.max(classes, names.size());
    if (classes == 0 || classes > MAX_CLASSES) {
      return new ConfusionMatrices(List.of(), List.of());
    }
    List<String> labels = new ArrayList<>();
    for (int k = 0; k < classes; k++) {
      labels.add(k < names.size() ? names.get(k) : String.valueOf(k));
    }
    Map<String, long[][]> counts = new LinkedHashMap<>();
    for (Map.Entry<String, List<RunRecord>> arm : c.arms().entrySet()) {
      long[][] m = new long[classes][classes];
      for (RunRecord r : arm.getValue()) {
        for (Map<String, Object> d : r.details()) {
          m[((Number) d.get("label")).intValue()][((Number) d.get("predicted")).intValue()]++;
        }
      }
      counts.put(arm.getKey(), m);
    }
    List<Matrix> matrices = new ArrayList<>();
    counts.forEach((arm, m) -> matrices.add(new Matrix(arm, m)));
    return new ConfusionMatrices(labels, matrices);
  }

  boolean isEmpty() {
    return matrices.isEmpty();
  }

  List<Matrix> matrices() {
    return matrices;
  }

  /** A matrix as rows: a header (true class, each predicted class, recall), then one per class. */
  List<List<String>> rows(Matrix m) {
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("true \\ predicted"));
    header.addAll(names);
    header.add("recall");
    rows.add(header);
    for (int t = 0; t < names.size(); t++) {
      List<String> row = new ArrayList<>(List.of(names.get(t)));
      for (long count : m.counts()[t]) {
        row.add(String.format(Locale.ROOT, "%,d", count));
      }
      long total = m.rowTotal(t);
      row.add(
          total == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) m.counts()[t][t] / total));
      rows.add(row);
    }
    return rows;
  }

  static String heading(Matrix m) {
    return "Confusion matrix (test) of " + m.arm();
  }

  String markdown() {
    StringBuilder sb = new StringBuilder();
    for (Matrix m : matrices) {
      sb.append("### ").append(heading(m)).append("\n\n").append(Tables.markdown(rows(m)));
      sb.append('\n');
    }
    return sb.toString();
  }

  /**
   * The matrices as HTML tables whose cells are shaded by their share of the true class's examples,
   * so the diagonal and the classes it confuses stand out.
   */
  String html() {
    StringBuilder sb = new StringBuilder();
    for (Matrix m : matrices) {
      sb.append("<h3>").append(Tables.escape(heading(m))).append("</h3>");
      List<List<String>> rows = rows(m);
      sb.append("<div class=\"wide\"><table><tr>");
      rows.get(0).forEach(h -> sb.append("<th>").append(Tables.escape(h)).append("</th>"));
      sb.append("</tr>");
      for (int t = 0; t < names.size(); t++) {
        List<String> row = rows.get(t + 1);
        long total = m.rowTotal(t);
        sb.append("<tr><td>").append(Tables.escape(row.get(0))).append("</td>");
        for (int p = 0; p < names.size(); p++) {
          double share = total == 0 ? 0 : (double) m.counts()[t][p] / total;
          sb.append(
                  String.format(
                      Locale.ROOT,
                      "<td style=\"background:rgba(0,114,178,%.2f)%s\">",
                      share,
                      share > 0.5 ? ";color:#fff" : ""))
              .append(row.get(p + 1))
              .append("</td>");
        }
        sb.append("<td>").append(row.get(row.size() - 1)).append("</td></tr>");
      }
      sb.append("</table></div>");
    }
    return sb.toString();
  }
}
