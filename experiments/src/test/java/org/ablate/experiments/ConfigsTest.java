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

  @Test
  void theModernTransformerStudyMatchesParametersWithinFivePercent() throws Exception {
    SweepPlan plan =
        new SweepPlan(
            Repo.root().resolve("configs/sweeps/modern-transformer.yaml"), Tests.loader());
    Map<String, Long> parameters = new TreeMap<>();
    for (Trial t : plan.trials()) {
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

  /** The model of every seed-1 trial of a shipped sweep whose model is a {@code type}, by arm. */
  private static <T> Map<String, T> models(String sweep, Class<T> type) {
    Map<String, T> models = new TreeMap<>();
    for (Trial t : new SweepPlan(Repo.root().resolve(sweep), Tests.loader()).trials()) {
      if (t.seed() == 1 && type.isInstance(t.config().model())) {
        models.put(t.arm(), type.cast(t.config().model()));
      }
    }
    return models;
  }

  /**
   * The shipped MT models tie their embeddings three ways, as measured in the tying sweeps; the
   * studies run before they did keep the untied models they ran, so that their documented figures
   * still reproduce.
   */
  @Test
  void theMainJobTiesThreeWaysAndEarlierStudiesKeepTheirUntiedModels() {
    String main = "configs/sweeps/quick-mt-comparison.yaml";
    RnnSeq2SeqConfig gru = models(main, RnnSeq2SeqConfig.class).get("gru_attention");
    assertTrue(gru.shareEmbeddings() && gru.tieOutput(), "the main job's GRU ties");
    assertEquals(gru.embeddingDim(), gru.readoutWidth(), "its output layer reads E-wide vectors");
    TransformerConfig transformer = models(main, TransformerConfig.class).get("transformer");
    assertTrue(
        transformer.shareEmbeddings() && transformer.tieOutput(), "the main job's Transformer");

    models("configs/sweeps/mt-gru-ood-ablations.yaml", RnnSeq2SeqConfig.class)
        .forEach(
            (arm, model) -> {
              boolean tied = arm.equals("tied_three_way");
              assertEquals(tied, model.shareEmbeddings() && model.tieOutput(), arm);
              assertEquals(tied ? 128 : 0, model.maxoutSize(), arm + ": maxout_size as measured");
            });
    String sizes = "configs/sweeps/mt-data-size.yaml";
    RnnSeq2SeqConfig sizesGru = models(sizes, RnnSeq2SeqConfig.class).get("gru_attention");
    assertFalse(sizesGru.shareEmbeddings() || sizesGru.tieOutput(), "the data-size study's GRU");
    assertEquals(0, sizesGru.maxoutSize());
    for (String sweep :
        List.of(
            sizes,
            "configs/sweeps/modern-transformer.yaml",
            "configs/sweeps/bf16-parity-mt.yaml")) {
      Map<String, TransformerConfig> arms = models(sweep, TransformerConfig.class);
      assertFalse(arms.isEmpty(), sweep);
      arms.forEach((arm, model) -> assertFalse(model.tieOutput(), sweep + " " + arm));
    }
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
