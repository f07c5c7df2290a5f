package org.ablate.experiments.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Plots with XChart, as PNG and SVG: learning curves per arm with a shaded 95% band over seeds, and
 * one metric per arm with 95% error bars. Axes print numbers with a leading zero (0.05, not .05).
 */
final class Charts {
  /** One plot in both formats. */
  record Plot(byte[] png, byte[] svg) {}

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  /** One colour per arm, in the arms' order, the same in every plot (Okabe and Ito's palette). */
  private static final java.awt.Color[] PALETTE = {
    new java.awt.Color(0, 114, 178),
    new java.awt.Color(230, 159, 0),
    new java.awt.Color(0, 158, 115),
    new java.awt.Color(204, 121, 167),
    new java.awt.Color(86, 180, 233),
    new java.awt.Color(213, 94, 0),
    new java.awt.Color(240, 228, 66),
    new java.awt.Color(0, 0, 0)
  };

  /** The colour of arm number {@code index}. */
  static java.awt.Color colour(int index) {
    return PALETTE[index % PALETTE.length];
  }

  /**
   * A metric of the {@code kind} lines (dev, or train) against training steps (or seconds),
   * averaged over each arm's seeds, with the 95% interval over seeds as a shaded band in the arm's
   * colour when it has two or more runs.
   */
  static Plot learningCurves(Comparison c, String kind, String metric, boolean bySeconds)
      throws IOException {
    XYChart chart =
        new XYChartBuilder()
            .width(820)
            .height(460)
            .title(
                metric
                    + (bySeconds ? " over training time" : " over training steps")
                    + (c.arms().values().stream().anyMatch(r -> r.size() > 1)
                        ? " (mean, 95% CI over seeds)"
                        : ""))
            .xAxisTitle(bySeconds ? "training seconds" : "step")
            .yAxisTitle(metric)
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setMarkerSize(5);
    int index = -1;
    for (Map.Entry<String, List<RunRecord>> arm : c.arms().entrySet()) {
      index++;
      Map<Long, List<double[]>> byStep = new TreeMap<>();
      for (RunRecord r : arm.getValue()) {
        for (Map<String, Object> line : r.history()) {
          if (kind.equals(line.get("kind")) && line.get(metric) instanceof Number v) {
            long step = ((Number) line.get("step")).longValue();
            double seconds = ((Number) line.getOrDefault("seconds", 0)).doubleValue();
            byStep
                .computeIfAbsent(step, k -> new ArrayList<>())
                .add(new double[] {seconds, v.doubleValue()});
          }
        }
      }
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      List<Double> bands = new ArrayList<>();
      byStep.forEach(
          (step, points) -> {
            if (points.size() == arm.getValue().size()) {
              xs.add(
                  bySeconds
                      ? points.stream().mapToDouble(p -> p[0]).average().orElse(0)
                      : step.doubleValue());
              Stats.Summary s = Stats.summarize(points.stream().map(p -> p[1]).toList());
              ys.add(s.mean());
              bands.add(Double.isNaN(s.halfWidth()) ? 0.0 : s.halfWidth());
            }
          });
      if (!xs.isEmpty()) {
        if (arm.getValue().size() > 1) {
          band(chart, arm.getKey(), xs, ys, bands, colour(index));
        }
        var series = chart.addSeries(arm.getKey(), xs, ys);
        series.setLineColor(colour(index));
        series.setMarkerColor(colour(index));
      }
    }
    return chart.getSeriesMap().isEmpty() ? null : render(chart);
  }

  /** The name of an arm's band series (not shown in the legend). */
  static final String BAND = " 95% CI";

  /**
   * A shaded band from mean - half-width to mean + half-width under an arm's line, in the arm's
   * colour, drawn as one closed polygon: along the upper edge, then back along the lower one.
   */
  private static void band(
      XYChart chart,
      String arm,
      List<Double> xs,
      List<Double> means,
      List<Double> halfWidths,
      java.awt.Color colour) {
    List<Double> px = new ArrayList<>();
    List<Double> py = new ArrayList<>();
    for (int i = 0; i < xs.size(); i++) {
      px.add(xs.get(i));
      py.add(means.get(i) + halfWidths.get(i));
    }
    for (int i = xs.size() - 1; i >= 0; i--) {
      px.add(xs.get(i));
      py.add(means.get(i) - halfWidths.get(i));
    }
    XYSeries band = chart.addSeries(arm + BAND, px, py);
    band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    band.setFillColor(new java.awt.Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 60));
    band.setLineColor(new java.awt.Color(0, 0, 0, 0));
    band.setMarker(SeriesMarkers.NONE);
    band.setShowInLegend(false);
  }

  /**
   * Mean of a metric per arm with its 95% confidence interval as error bars; without error bars
   * when no arm has two runs.
   */
  static Plot bars(Comparison c, String metric) throws IOException {
    List<String> names = new ArrayList<>();
    List<Double> means = new ArrayList<>();
    List<Double> errors = new ArrayList<>();
    boolean intervals = false;
    for (String arm : c.arms().keySet()) {
      Stats.Summary s = c.summary(arm, metric);
      if (!Double.isNaN(s.mean())) {
        names.add(arm);
        means.add(s.mean());
        errors.add(Double.isNaN(s.halfWidth()) ? 0.0 : s.halfWidth());
        intervals |= !Double.isNaN(s.halfWidth());
      }
    }
    if (names.isEmpty()) {
      return null;
    }
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(820)
            .height(420)
            .title(
                metric
                    + (intervals
                        ? " (mean, 95% CI over seeds)"
                        : " (one run per arm, no confidence interval)"))
            .yAxisTitle(metric)
            .build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setOverlapped(true);
    List<String> arms = new ArrayList<>(c.arms().keySet());
    for (int i = 0; i < names.size(); i++) {
      // one series per arm over every category, zero but at its own, so each arm keeps its colour
      List<Double> ys = new ArrayList<>();
      List<Double> es = new ArrayList<>();
      for (int j = 0; j < names.size(); j++) {
        ys.add(j == i ? means.get(i) : 0.0);
        es.add(j == i ? errors.get(i) : 0.0);
      }
      var series =
          intervals
              ? chart.addSeries(names.get(i), names, ys, es)
              : chart.addSeries(names.get(i), names, ys);
      series.setFillColor(colour(arms.indexOf(names.get(i))));
    }
    return render(chart);
  }

  /**
   * A metric against a varied numeric key of a sweep ({@code data.train_pairs}...), one line per
   * sweep arm, mean and 95% interval over seeds; the x value of a run is its result of the same
   * name when it recorded one (the training pairs actually used), else the key's value. The x axis
   * is logarithmic when the values span a factor of 10 or more. Null when fewer than two x values.
   */
  static Plot scaling(Comparison c, String metric, String dimension) throws IOException {
    String name = dimension.substring(dimension.lastIndexOf('.') + 1);
    Map<String, TreeMap<Double, List<Double>>> byArm = new java.util.LinkedHashMap<>();
    java.util.TreeSet<Double> allX = new java.util.TreeSet<>();
    for (List<RunRecord> runs : c.arms().values()) {
      for (RunRecord r : runs) {
        Double x =
            r.number(name) != null
                ? r.number(name)
                : r.dimensions().get(dimension) instanceof Number n ? n.doubleValue() : null;
        Double y = r.number(metric);
        if (x != null && y != null) {
          byArm
              .computeIfAbsent(r.arm(), k -> new TreeMap<>())
              .computeIfAbsent(x, k -> new ArrayList<>())
              .add(y);
          allX.add(x);
        }
      }
    }
    if (allX.size() < 2) {
      return null;
    }
    boolean intervals =
        byArm.values().stream().flatMap(m -> m.values().stream()).anyMatch(v -> v.size() > 1);
    XYChart chart =
        new XYChartBuilder()
            .width(820)
            .height(460)
            .title(metric + " by " + name + (intervals ? " (mean, 95% CI over seeds)" : ""))
            .xAxisTitle(name)
            .yAxisTitle(metric)
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setMarkerSize(7);
    double low = allX.first();
    double high = allX.last();
    chart.getStyler().setXAxisLogarithmic(low > 0 && high / low >= 10);
    int index = 0;
    for (Map.Entry<String, TreeMap<Double, List<Double>>> arm : byArm.entrySet()) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      List<Double> errors = new ArrayList<>();
      arm.getValue()
          .forEach(
              (x, values) -> {
                Stats.Summary s = Stats.summarize(values);
                xs.add(x);
                ys.add(s.mean());
                errors.add(Double.isNaN(s.halfWidth()) ? 0.0 : s.halfWidth());
              });
      var series =
          intervals
              ? chart.addSeries(arm.getKey(), xs, ys, errors)
              : chart.addSeries(arm.getKey(), xs, ys);
      series.setLineColor(colour(index));
      series.setMarkerColor(colour(index));
      index++;
    }
    return render(chart);
  }

  private static Plot render(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart)
      throws IOException {
    chart.getStyler().setDecimalPattern("#,##0.###");
    java.io.ByteArrayOutputStream svg = new java.io.ByteArrayOutputStream();
    VectorGraphicsEncoder.saveVectorGraphic(
        chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    return new Plot(
        BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG), svg.toByteArray());
  }
}
