package org.ablate.experiments.report;

import java.util.List;

/** Rows of cells (the first row is the header) as markdown and HTML tables. */
final class Tables {
  private Tables() {}

  /** Rows (the first is the header) as a markdown table. */
  static String markdown(List<List<String>> rows) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < rows.size(); k++) {
      sb.append("| ")
          .append(String.join(" | ", rows.get(k).stream().map(x -> x.replace("|", "\\|")).toList()))
          .append(" |\n");
      if (k == 0) {
        sb.append("|").append("---|".repeat(rows.get(0).size())).append('\n');
      }
    }
    return sb.toString();
  }

  /**
   * Rows (the first is the header) as an HTML table that scrolls inside the page when wide; {@code
   * text} aligns the cells left (words), else right (figures). Header cells may break after an
   * underscore, and "mean ± half-width" never breaks.
   */
  static String html(List<List<String>> rows, boolean text) {
    StringBuilder sb =
        new StringBuilder("<div class=\"wide\"><table" + (text ? " class=\"rows\"" : "") + ">");
    for (int k = 0; k < rows.size(); k++) {
      boolean head = k == 0;
      sb.append("<tr>");
      rows.get(k)
          .forEach(
              x ->
                  sb.append(head ? "<th>" : "<td>")
                      .append(head ? header(x) : escape(x).replace(" ± ", "&nbsp;±&nbsp;"))
                      .append(head ? "</th>" : "</td>"));
      sb.append("</tr>");
    }
    return sb.append("</table></div>").toString();
  }

  /** A header cell that may break after an underscore, never inside a word. */
  private static String header(String name) {
    return escape(name).replace("_", "_<wbr>");
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
