package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ablate.experiments.sweep.SweepPlan;
import org.ablate.experiments.sweep.Trial;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Ablate reads and writes does not depend on the JVM's default locale: a German one writes
 * decimal commas and a Turkish one lower-cases I to a dotless i, and neither may reach a sampled
 * value, a report, a log line or a component's name.
 */
class LocaleTest {
  private final Locale saved = Locale.getDefault();

  @AfterEach
  void restore() {
    Locale.setDefault(saved);
  }

  @Test
  void randomSearchSamplesUnderAGermanLocale(@TempDir Path dir) throws Exception {
    Locale.setDefault(Locale.GERMANY);
    Path sweep = SweepTest.pairedAndRandomSweep(dir);
    List<Trial> trials = new SweepPlan(sweep, Tests.loader()).trials();
    assertEquals(6, trials.size());
    for (Trial t : trials) {
      assertTrue(t.resolvedYaml().matches("(?s).*lr: [0-9.Ee-]+\\n.*"), t.resolvedYaml());
    }
  }

  @Test
  void reportsAndLogsUseDecimalPointsAndAsciiNamesUnderGermanAndTurkishLocales(@TempDir Path dir)
      throws Exception {
    for (Locale locale : new Locale[] {Locale.GERMANY, Locale.forLanguageTag("tr-TR")}) {
      Locale.setDefault(locale);
      Path runs = Files.createDirectories(dir.resolve(locale.toLanguageTag()));
      EndToEndTest.run(
          EndToEndTest.TINY_COPY
              .replace("steps: 300", "steps: 20")
              .replace("eval_every: 150", "eval_every: 20")
              .replace("d_ff: 64", "feed_forward: swiglu, d_ff: 64"),
          Files.createDirectories(runs.resolve("a")),
          List.of());
      String log = Files.readString(runs.resolve("a/run/run.log"));
      assertTrue(log.matches("(?s).*loss [0-9]+\\.[0-9]{4}.*"), log);
      CliTest.Run explain = CliTest.cli("explain", runs.resolve("a/run/config.yaml").toString());
      assertEquals(0, explain.code(), explain.err());
      assertTrue(explain.out().contains("swiglu"), explain.out());
      CliTest.Run compare =
          CliTest.cli("compare", runs.toString(), "--out", runs.resolve("r").toString());
      assertEquals(0, compare.code(), compare.err());
      String markdown = Files.readString(runs.resolve("r/report.md"));
      assertTrue(markdown.matches("(?s).*\\| [0-9]+\\.[0-9]{4} .*"), markdown);
      assertTrue(!markdown.matches("(?s).*[0-9],[0-9]{4}.*"), "a decimal comma in\n" + markdown);
    }
  }
}
