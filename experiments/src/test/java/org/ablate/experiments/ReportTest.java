package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ablate.experiments.report.Comparison;
import org.ablate.experiments.report.ReportWriter;
import org.ablate.experiments.report.Stats;
import org.ablate.training.metrics.PairedBootstrap;
import org.junit.jupiter.api.Test;

class ReportTest {
  @Test
  void confidenceIntervalMatchesAHandComputation() {
    // values 1, 2, 3, 4: mean 2.5; sample sd sqrt(5/3) = 1.290994; t(0.975, 3) = 3.182446;
    // half-width = 3.182446 * 1.290994 / sqrt(4) = 2.054255.
    Stats.Summary s = Stats.summarize(List.of(1.0, 2.0, 3.0, 4.0));
    assertEquals(2.5, s.mean(), 1e-12);
    assertEquals(Math.sqrt(5.0 / 3.0), s.sd(), 1e-12);
    assertEquals(3.182446305 * Math.sqrt(5.0 / 3.0) / 2, s.halfWidth(), 1e-6);
    assertEquals(4, s.n());
    assertTrue(Double.isNaN(Stats.summarize(List.of(7.0)).halfWidth()), "one seed has no interval");
  }

  @Test
  void pairedBootstrapSeparatesAClearWinnerFromATie() {
    Random rng = new Random(1);
    int n = 400;
    int[] a = new int[n];
    int[] b = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.nextDouble() < 0.8 ? 1 : 0;
      b[i] = rng.nextDouble() < 0.6 ? 1 : 0;
    }
    PairedBootstrap.Result clear =
        PairedBootstrap.test(n, s -> mean(a, s), s -> mean(b, s), 1000, 3);
    assertTrue(clear.pValue() < 0.01, "p = " + clear.pValue());
    PairedBootstrap.Result same =
        PairedBootstrap.test(n, s -> mean(a, s), s -> mean(a, s), 1000, 3);
    assertEquals(1.0, same.pValue(), 1e-12, "identical systems never beat each other");
  }

  private static double mean(int[] x, int[] sample) {
    double s = 0;
    for (int i : sample) {
      s += x[i];
    }
    return s / sample.length;
  }

  @Test
  void compareWritesCsvMarkdownAndSelfContainedHtml(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    for (String seed : List.of("1", "2")) {
      EndToEndTest.run(
          EndToEndTest.TINY_COPY
              .replace("steps: 300", "steps: 40")
              .replace("eval_every: 150", "eval_every: 20"),
          Files.createDirectories(dir.resolve("a" + seed)),
          List.of("seed=" + seed));
    }
    CliTest.Run run =
        CliTest.cli(
            "compare",
            dir.toString(),
            "--out",
            dir.resolve("report").toString(),
            "--title",
            "tiny");
    assertEquals(0, run.code(), run.err());
    assertTrue(
        run.out().contains("tiny-copy") && run.out().contains("test_sequence_accuracy"), run.out());
    String html = Files.readString(dir.resolve("report/report.html"));
    assertTrue(html.contains("data:image/png;base64,"), "plots are embedded");
    assertTrue(html.contains("±"), "confidence intervals shown");
    assertTrue(
        Files.readString(dir.resolve("report/summary.csv")).lines().count() == 3,
        "header plus one row per run");
    String markdown = Files.readString(dir.resolve("report/report.md"));
    assertTrue(
        markdown.contains("| 40 |"),
        "steps are whole numbers, with no interval when equal: " + markdown);
    assertTrue(!markdown.contains("40.0000"), markdown);
    String curve = Files.readString(dir.resolve("report/train-loss-steps.svg"));
    assertTrue(
        curve.contains("fill:rgb(0,114,178)") && curve.contains("fill-opacity:0.23"),
        "two seeds: a translucent band in the arm's colour around the mean");
  }

  @Test
  void aReportOfSingleRunsClaimsNoConfidenceInterval(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    EndToEndTest.run(
        EndToEndTest.TINY_COPY
            .replace("steps: 300", "steps: 20")
            .replace("eval_every: 150", "eval_every: 20"),
        Files.createDirectories(dir.resolve("a")),
        List.of());
    CliTest.Run run = CliTest.cli("compare", dir.toString(), "--out", dir.resolve("r").toString());
    assertEquals(0, run.code(), run.err());
    String markdown = Files.readString(dir.resolve("r/report.md"));
    assertTrue(markdown.contains("no confidence interval: 1 run"), markdown);
    assertTrue(!markdown.contains("over seeds") && !markdown.contains("±"), markdown);
    String html = Files.readString(dir.resolve("r/report.html"));
    assertTrue(html.contains("no confidence interval: 1 run") && !html.contains("±"), "html");
    try (var plots = Files.list(dir.resolve("r"))) {
      for (Path svg : plots.filter(p -> p.toString().endsWith(".svg")).toList()) {
        assertTrue(!Files.readString(svg).contains("fill-opacity"), "one run: no band in " + svg);
      }
    }
  }

  /**
   * A report of two arms that differ in one key: a verdict sentence per tested metric, each run's
   * selected step, stop reason, steps and FLOPs, the key that differs, and every plot also as SVG.
   */
  @Test
  void aReportNamesTheVerdictTheRunsAndTheKeysThatDiffer(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    for (String dFf : List.of("32", "96")) {
      EndToEndTest.run(
          EndToEndTest.TINY_COPY
              .replace("steps: 300", "steps: 30")
              .replace("eval_every: 150", "eval_every: 15"),
          Files.createDirectories(dir.resolve("ff" + dFf)),
          List.of("model.d_ff=" + dFf, "name=ff" + dFf));
    }
    Path out = dir.resolve("report");
    CliTest.Run run = CliTest.cli("compare", dir.toString(), "--out", out.toString());
    assertEquals(0, run.code(), run.err());
    String md = Files.readString(out.resolve("report.md"));
    assertTrue(
        java.util.regex.Pattern.compile(
                "test_sequence_accuracy: ff\\d+ (is better than ff\\d+ by [0-9.]+ \\(.*95% CI of the"
                    + " difference \\[-?[0-9.]+, -?[0-9.]+\\]\\)|and ff\\d+ tie at .*), p = [0-9.]+,"
                    + " (not )?significant at 5%\\.")
            .matcher(md)
            .find(),
        md);
    assertTrue(md.contains("p is one-sided (Koehn 2004): the share of the 1,000 resamples"), md);
    assertTrue(
        Files.readString(out.resolve("report.html")).contains("the better arm does not win"),
        "the HTML report explains p too");
    assertTrue(
        md.contains(
            "| selected step | selected by | test_sequence_accuracy | newest step |"
                + " test_sequence_accuracy of the newest | stop reason | steps | training FLOPs |"),
        md);
    assertTrue(
        java.util.regex.Pattern.compile(
                "\\| dev_sequence_accuracy \\| [0-9.]+ \\| 30 \\| [0-9.]+ \\| completed \\| 30 \\|")
            .matcher(md)
            .find(),
        md);
    assertTrue(
        md.contains("| model.d_ff | 32 | 96 |") || md.contains("| model.d_ff | 96 | 32 |"), md);
    assertTrue(!md.contains("| model.d_model |"), "keys the arms share are left out: " + md);
    try (var files = Files.list(out)) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      for (String png : names.stream().filter(n -> n.endsWith(".png")).toList()) {
        String svg = png.replace(".png", ".svg");
        assertTrue(names.contains(svg), svg + " in " + names);
        assertTrue(Files.readString(out.resolve(svg)).contains("<svg"), svg);
      }
    }
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("test_<wbr>sequence_<wbr>accuracy"), "headers break at underscores");
    assertTrue(html.contains("class=\"wide\""), "wide tables scroll inside the page");
  }

  /**
   * A classification comparison shows each arm's test confusion matrix, with the task's class
   * names; its rows hold every test example once and its diagonal is the run's accuracy.
   */
  @Test
  @SuppressWarnings("unchecked")
  void aClassificationReportShowsEachArmsConfusionMatrix(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    String pairs =
        "the red house\tla maison rouge\nopen the file\touvrir le fichier\n"
            + "save all\ttout enregistrer\nthe blue car\tla voiture bleue\n"
            + "close window\tfermer la fenêtre\nprint page\timprimer la page\n";
    for (String split : List.of("train", "dev", "test")) {
      Files.writeString(corpus.resolve(split + ".tsv"), pairs);
    }
    String yaml =
        """
        name: langid
        data: {type: language_id, corpus: %s, max_length: 24}
        model: {type: transformer_classifier, d_model: 16, heads: 2, d_ff: 32, layers: 1}
        training: {steps: 20, eval_every: 10, batch_size: 4}
        """
            .formatted(corpus);
    for (String seed : List.of("1", "2")) {
      EndToEndTest.run(
          yaml, Files.createDirectories(dir.resolve("s" + seed)), List.of("seed=" + seed));
    }
    Path out = dir.resolve("report");
    CliTest.Run run = CliTest.cli("compare", dir.toString(), "--out", out.toString());
    assertEquals(0, run.code(), run.err());
    String md = Files.readString(out.resolve("report.md"));
    assertTrue(md.contains("## Confusion matrices"), md);
    assertTrue(
        md.contains("| true \\ predicted | source language | target language | recall |"), md);
    long[][] counts = new long[2][2];
    java.util.regex.Matcher row =
        java.util.regex.Pattern.compile("\\| (source|target) language \\| (\\d+) \\| (\\d+) \\|")
            .matcher(md);
    while (row.find()) {
      int t = row.group(1).equals("source") ? 0 : 1;
      counts[t][0] = Long.parseLong(row.group(2));
      counts[t][1] = Long.parseLong(row.group(3));
    }
    assertEquals(12, counts[0][0] + counts[0][1], "6 test sentences per language x 2 seeds: " + md);
    assertEquals(12, counts[1][0] + counts[1][1], md);
    double accuracy = 0;
    for (String seed : List.of("1", "2")) {
      Map<String, Object> results =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readValue(dir.resolve("s" + seed + "/run/results.json").toFile(), Map.class);
      assertEquals(List.of("source language", "target language"), results.get("class_names"));
      accuracy += ((Number) results.get("test_accuracy")).doubleValue() / 2;
    }
    assertEquals(accuracy, (counts[0][0] + counts[1][1]) / 24.0, 1e-9, "the diagonal is accuracy");
    assertTrue(
        Files.readString(out.resolve("report.html")).contains("background:rgba(0,114,178,"),
        "cells shaded by their share of the row");
  }

  /**
   * A sweep that varies a numeric key gets one plot per test metric against it, one line per arm;
   * the x value is the run's result of the same name when it has one (here the steps trained).
   */
  @Test
  void aSweepOverANumericKeyPlotsEachMetricAgainstIt(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Files.writeString(
        dir.resolve("tiny.yaml"),
        EndToEndTest.TINY_COPY.replace("eval_every: 150", "eval_every: 10"));
    Path sweep =
        Files.writeString(
            dir.resolve("sweep.yaml"),
            """
            name: steps-sweep
            arms:
              narrow: {configs: [tiny.yaml], set: {model.d_ff: 16}}
              wide: {configs: [tiny.yaml], set: {model.d_ff: 64}}
            grid:
              training.steps: [10, 20]
            seeds: [1]
            """);
    Path out = dir.resolve("out");
    CliTest.Run run = CliTest.cli("sweep", sweep.toString(), "--output-dir", out.toString());
    assertEquals(0, run.code(), run.err());
    Path report;
    try (var files = Files.walk(out)) {
      report =
          files
              .filter(p -> p.getFileName().toString().equals("report.md"))
              .findFirst()
              .orElseThrow()
              .getParent();
    }
    String md = Files.readString(report.resolve("report.md"));
    String plot = "scaling-test_sequence_accuracy-by-steps";
    assertTrue(md.contains("](" + plot + ".png)"), md);
    assertTrue(Files.size(report.resolve(plot + ".png")) > 1000);
    String svg = Files.readString(report.resolve(plot + ".svg"));
    assertTrue(
        svg.contains("rgb(0,114,178)") && svg.contains("rgb(230,159,0)"),
        "one line per arm, in the arms' colours: "
            + svg.substring(0, Math.min(3000, svg.length())));
    assertTrue(md.contains("| narrow steps=10 |") || md.contains("| narrow steps=10 | 1 |"), md);
  }

  @Test
  void verdictsSayWhichArmIsBetterByHowMuchAndWhetherItIsSignificant() {
    Comparison.Test clear =
        new Comparison.Test(
            "gru",
            "transformer",
            "test_bleu",
            new PairedBootstrap.Result(6.1, 12.12, 0, 0.0, 1000, -6.9, -5.1));
    assertEquals(
        "test_bleu: transformer is better than gru by 6.02 (12.12 vs 6.10; 95% CI of the difference"
            + " [5.10, 6.90]), p = 0.000, significant at 5%.",
        ReportWriter.verdict(clear));
    Comparison.Test close =
        new Comparison.Test(
            "a",
            "b",
            "test_chrf",
            new PairedBootstrap.Result(45.65, 45.38, 0.73, 0.27, 1000, -0.2, 0.8));
    assertTrue(
        ReportWriter.verdict(close).endsWith("p = 0.270, not significant at 5%."),
        ReportWriter.verdict(close));
  }
}
