package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.ablate.experiments.report.Stats;
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
    Stats.Bootstrap clear = Stats.pairedBootstrap(n, s -> mean(a, s), s -> mean(b, s), 1000, 3);
    assertTrue(clear.pValue() < 0.01, "p = " + clear.pValue());
    Stats.Bootstrap same = Stats.pairedBootstrap(n, s -> mean(a, s), s -> mean(a, s), 1000, 3);
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
    assertTrue(markdown.contains(" 40 ± 0 "), "steps are counted in whole numbers: " + markdown);
    assertTrue(!markdown.contains("40.0000"), markdown);
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
  }
}
