package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.ablate.experiments.run.Assembly;
import org.ablate.experiments.sweep.SweepConfig;
import org.ablate.experiments.sweep.SweepPlan;
import org.ablate.experiments.sweep.Trial;
import org.ablate.models.config.RnnSeq2SeqConfig;
import org.ablate.models.config.TransformerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sweep under configs/sweeps/ expands into trials whose configs resolve (every experiment
 * file under configs/ is loaded and built by {@link ShippedConfigsTest}).
 */
class ConfigsTest {
  /** The YAML files directly in {@code folder} (relative to the repository root), sorted. */
  static Stream<Path> yamlFiles(String folder) throws Exception {
    try (Stream<Path> files = Files.list(Repo.root().resolve(folder))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  static Stream<Path> experiments() throws Exception {
    return yamlFiles("configs").filter(p -> !p.getFileName().toString().equals("reference.yaml"));
  }

  static Stream<Path> sweeps() throws Exception {
    return yamlFiles("configs/sweeps");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sweeps")
  void sweepExpandsIntoValidTrials(Path file) {
    SweepPlan plan = new SweepPlan(file, Tests.loader());
    List<Trial> trials = plan.trials();
    assertFalse(trials.isEmpty(), file + " has no trials");
    SweepConfig c = plan.config();
    int grid = c.grid().values().stream().mapToInt(List::size).reduce(1, (a, b) -> a * b);
    int paired =
        c.paired().stream()
            .mapToInt(g -> g.values().iterator().next().size())
            .reduce(1, (a, b) -> a * b);
    int random = c.random() == null ? 1 : c.random().trials();
    assertEquals(
        Math.max(1, c.arms().size()) * paired * grid * random * c.seeds().size(),
        trials.size(),
        "arms x paired x grid x random x seeds of " + file);
    for (Trial t : trials) {
      assertTrue(c.seeds().contains(t.config().seed()), "seed of " + t.label());
    }
  }

  /**
   * A trial's saved experiment.yaml resolves to itself again, which is what lets a later version
   * recognise a finished trial after a config key has been added (FinishedTrials).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("sweeps")
  void everyTrialsResolvedConfigResolvesToItselfAgain(Path file, @TempDir Path dir)
      throws Exception {
    for (Trial t : new SweepPlan(file, Tests.loader()).trials()) {
      Path saved = Files.writeString(dir.resolve("experiment.yaml"), t.resolvedYaml());
      assertEquals(
          t.resolvedYaml(),
          Tests.loader().resolvedYaml(Tests.loader().load(List.of(saved), List.of())),
          file + " " + t.label() + " seed " + t.seed());
    }
  }

  @Test
  void theModernTransformerStudyMatchesParametersWithinFivePercent() throws Exception {
    Map<String, Long> parameters = new TreeMap<>();
    for (Trial t : trials("configs/sweeps/modern-transformer.yaml")) {
      if (t.seed() == 1) {
        try (Assembly assembly = Assembly.build(t.config(), Tests.injection(), null)) {
          parameters.put(t.arm(), assembly.parameterCount());
        }
      }
    }
    assertEquals(6, parameters.size(), "six arms: " + parameters);
    long baseline = parameters.get("baseline");
    parameters.forEach(
        (arm, count) ->
            assertTrue(
                Math.abs(count - baseline) <= 0.05 * baseline,
                arm + " has " + count + " parameters, the baseline " + baseline));
  }

  /** The trials of a shipped sweep (a path relative to the repository root). */
  private static List<Trial> trials(String sweep) {
    return new SweepPlan(Repo.root().resolve(sweep), Tests.loader()).trials();
  }

  /** Every trial of a shipped sweep whose model is a {@code type}, with that model. */
  private static <T> Map<Trial, T> models(String sweep, Class<T> type) {
    Map<Trial, T> models = new java.util.LinkedHashMap<>();
    for (Trial t : trials(sweep)) {
      if (type.isInstance(t.config().model())) {
        models.put(t, type.cast(t.config().model()));
      }
    }
    assertFalse(models.isEmpty(), sweep + " has no " + type.getSimpleName());
    return models;
  }

  /**
   * The shipped MT models tie their embeddings three ways, as measured in the tying sweeps; the
   * studies run before they did keep the untied models they ran, so that their documented figures
   * still reproduce. Every trial is checked, every seed and grid point.
   */
  @Test
  void theMainJobTiesThreeWaysAndEarlierStudiesKeepTheirUntiedModels() {
    String main = "configs/sweeps/quick-mt-comparison.yaml";
    models(main, RnnSeq2SeqConfig.class)
        .forEach(
            (trial, gru) -> {
              assertTrue(gru.shareEmbeddings() && gru.tieOutput(), "the main job's GRU ties");
              assertEquals(
                  gru.embeddingDim(), gru.readoutWidth(), "its output reads E-wide vectors");
            });
    models(main, TransformerConfig.class)
        .values()
        .forEach(
            t -> assertTrue(t.shareEmbeddings() && t.tieOutput(), "the main job's Transformer"));

    Map<Trial, RnnSeq2SeqConfig> ablations =
        models("configs/sweeps/mt-gru-ood-ablations.yaml", RnnSeq2SeqConfig.class);
    assertEquals(12, ablations.size(), "six arms, two seeds");
    ablations.forEach(
        (trial, model) -> {
          boolean tied = trial.arm().equals("tied_three_way");
          assertEquals(tied, model.shareEmbeddings() && model.tieOutput(), trial.label());
          assertEquals(tied ? 128 : 0, model.maxoutSize(), trial.label() + ": maxout as measured");
        });
    String sizes = "configs/sweeps/mt-data-size.yaml";
    models(sizes, RnnSeq2SeqConfig.class)
        .forEach(
            (trial, gru) -> {
              assertFalse(gru.shareEmbeddings() || gru.tieOutput(), trial.label());
              assertEquals(0, gru.maxoutSize(), trial.label());
            });
    for (String sweep :
        List.of(
            sizes,
            "configs/sweeps/modern-transformer.yaml",
            "configs/sweeps/bf16-parity-mt.yaml")) {
      models(sweep, TransformerConfig.class)
          .forEach((trial, model) -> assertFalse(model.tieOutput(), sweep + " " + trial.label()));
    }
  }

  /**
   * mt-gru-attention.yaml says dropout 0.3, as measured in mt-gru-dropout.yaml; the main job and
   * the studies run before keep the preset's 0.1, and an arm named {@code dropout_<value>} runs
   * that value. Every trial is checked, every seed and grid point.
   */
  @Test
  void theMainJobAndEarlierStudiesKeepTheDropoutTheyRan() {
    for (String sweep :
        List.of(
            "configs/sweeps/quick-mt-comparison.yaml",
            "configs/sweeps/mt-gru-ood-ablations.yaml",
            "configs/sweeps/mt-data-size.yaml",
            "configs/sweeps/mt-gru-tying-small.yaml",
            "configs/sweeps/mt-gru-dropout.yaml")) {
      models(sweep, RnnSeq2SeqConfig.class)
          .forEach(
              (trial, gru) ->
                  assertEquals(dropout(trial), gru.dropout(), sweep + " " + trial.label()));
    }
    models("configs/sweeps/mt-transformer-dropout.yaml", TransformerConfig.class)
        .forEach((trial, t) -> assertEquals(dropout(trial), t.block().dropout(), trial.label()));
  }

  /** The dropout a trial ran: its arm's name says it ({@code dropout_0.3}), or the presets' 0.1. */
  private static double dropout(Trial trial) {
    String arm = trial.arm();
    return arm.startsWith("dropout_")
        ? Double.parseDouble(arm.substring("dropout_".length()))
        : 0.1;
  }

  @Test
  void theReadmeMainJobIsShipped() throws Exception {
    String readme = Files.readString(Repo.root().resolve("README.md"));
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\\./ablate sweep (configs/sweeps/\\S+\\.yaml)")
            .matcher(readme);
    int found = 0;
    while (m.find()) {
      assertTrue(
          Files.isRegularFile(Repo.root().resolve(m.group(1))),
          "README names " + m.group(1) + ", which is not in the repository");
      found++;
    }
    assertTrue(found > 0, "README names no sweep file");
  }
}
