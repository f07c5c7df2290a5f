package org.ablate.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigBinderTest {
  enum Placement {
    PRE,
    POST
  }

  record Block(
      @Default("512") @Range(min = 1) int dModel,
      @Default("8") int heads,
      @Default("post") Placement norm,
      @Default("sinusoidal") @Slot("positional_encoding") String positions)
      implements Validated {
    @Override
    public void validate(Checks checks) {
      checks.require(
          dModel % heads == 0,
          "heads",
          checks.path("heads")
              + "="
              + heads
              + " must divide "
              + checks.path("d_model")
              + "="
              + dModel);
    }
  }

  sealed interface Schedule permits Constant, Cosine {}

  @Variant("constant")
  record Constant(@Default("0") int warmup) implements Schedule {}

  @Variant("cosine")
  record Cosine(@Default("0") int warmup, @Default("0.1") double minRatio) implements Schedule {}

  record Experiment(
      String name,
      @Default("{}") Block model,
      @Default("{type: constant}") Schedule schedule,
      @Default("[8, 16]") List<Integer> buckets,
      @Default("0.1") @Range(min = 0, max = 1) double dropout) {}

  private final ConfigBinder binder =
      new ConfigBinder(Map.of("positional_encoding", Set.of("sinusoidal", "learned", "none")));

  private Experiment bind(String yaml) {
    return binder.bind(Experiment.class, ConfigTree.parse(yaml, "exp.yaml"));
  }

  @Test
  void fillsDefaultsAndBindsGivenValues() {
    Experiment e = bind("name: x\nmodel:\n  heads: 4\n");
    assertEquals("x", e.name());
    assertEquals(512, e.model().dModel());
    assertEquals(4, e.model().heads());
    assertEquals(Placement.POST, e.model().norm());
    assertEquals(new Constant(0), e.schedule());
    assertEquals(List.of(8, 16), e.buckets());
  }

  @Test
  void selectsVariantsByTypeOrBareName() {
    assertEquals(
        new Cosine(100, 0.1),
        bind("name: x\nschedule:\n  type: cosine\n  warmup: 100\n").schedule());
    assertEquals(new Cosine(0, 0.1), bind("name: x\nschedule: cosine\n").schedule());
  }

  @Test
  void unknownKeySuggestsTheFixAndNamesFileAndLine() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> bind("name: x\nmodel:\n  haeds: 4\n"));
    assertTrue(e.getMessage().contains("exp.yaml:3"), e.getMessage());
    assertTrue(e.getMessage().contains("unknown key 'model.haeds'"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean 'heads'"), e.getMessage());
  }

  @Test
  void keyInTheWrongSectionPointsToWhereItBelongs() {
    ConfigException e = assertThrows(ConfigException.class, () -> bind("name: x\nheads: 4\n"));
    assertTrue(e.getMessage().contains("did you mean 'model.heads'"), e.getMessage());
  }

  @Test
  void wrongTypesAndRangesAreReported() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> bind("name: x\nmodel:\n  d_model: big\ndropout: 2\n"));
    assertTrue(
        e.getMessage().contains("'model.d_model' is 'big' (text); expected a whole number"),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("'dropout' is 2.0; it must be between 0 and 1"), e.getMessage());
    assertTrue(e.getMessage().contains("2 problems"), e.getMessage());
  }

  @Test
  void enumsListTheirChoices() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> bind("name: x\nmodel:\n  norm: prE-ln\n"));
    assertTrue(e.getMessage().contains("[pre, post]"), e.getMessage());
  }

  @Test
  void unknownVariantAndSlotNamesSuggestTheClosest() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> bind("name: x\nschedule: cosin\n"));
    assertTrue(e.getMessage().contains("did you mean 'cosine'"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> bind("name: x\nmodel:\n  positions: lerned\n"));
    assertTrue(e.getMessage().contains("did you mean 'learned'"), e.getMessage());
  }

  @Test
  void crossKeyRulesUseFullPaths() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> bind("name: x\nmodel:\n  heads: 6\n"));
    assertTrue(
        e.getMessage().contains("model.heads=6 must divide model.d_model=512"), e.getMessage());
  }

  @Test
  void missingRequiredKeyIsReported() {
    ConfigException e = assertThrows(ConfigException.class, () -> bind("model: {}\n"));
    assertTrue(e.getMessage().contains("required key 'name' is missing"), e.getMessage());
  }

  @Test
  void setOverridesAreCheckedLikeFiles() {
    ConfigTree tree =
        ConfigTree.parse("name: x\n", "exp.yaml").merge(ConfigTree.override("model.heads=eight"));
    ConfigException e =
        assertThrows(ConfigException.class, () -> binder.bind(Experiment.class, tree));
    assertTrue(e.getMessage().contains("--set model.heads=eight"), e.getMessage());
  }

  @Test
  void resolvedTreeRoundTrips() {
    Experiment e = bind("name: x\nschedule: cosine\n");
    @SuppressWarnings("unchecked")
    Map<String, Object> tree = (Map<String, Object>) ConfigBinder.toTree(e);
    assertEquals("cosine", ((Map<?, ?>) tree.get("schedule")).get("type"));
    Experiment again =
        binder.bind(Experiment.class, ConfigTree.parse(ConfigTree.toYaml(tree), "resolved.yaml"));
    assertEquals(e, again);
  }

  @Test
  void knownPathsIncludeVariantKeys() {
    Set<String> paths = ConfigBinder.knownPaths(Experiment.class);
    assertTrue(paths.contains("schedule.min_ratio"));
    assertTrue(paths.contains("model.d_model"));
  }
}
