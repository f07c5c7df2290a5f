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
      @Default("sinusoidal") @Slot("positional_encoding") Choice positions)
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

  interface Schedule {}

  record Constant(@Default("0") int warmup) implements Schedule {}

  record Cosine(@Default("0") int warmup, @Default("0.1") double minRatio) implements Schedule {}

  record Relative(@Default("16") @Range(min = 1) int buckets) {}

  /** Records that share keys: the widths of a block, inlined with other defaults. */
  record Widths(@Default("512") @Range(min = 1) int dModel, @Default("8") int heads) {}

  record Small(
      @After("d_model") @Default("1") int layers,
      @Inline @Default("{d_model: 64}") Widths widths,
      @Default("false") boolean tied) {}

  record Experiment(
      String name,
      @Default("{}") Block model,
      @Default("{type: constant}") Schedule schedule,
      @Default("[8, 16]") List<Integer> buckets,
      @Default("0.1") @Range(min = 0, max = 1) double dropout,
      @Default("{}") Small small) {}

  static final ConfigTypes TYPES =
      ConfigTypes.of(
          Map.of(Schedule.class, "schedule"),
          Map.of(
              "schedule",
              Map.of("constant", Constant.class, "cosine", Cosine.class),
              "positional_encoding",
              Map.of(
                  "sinusoidal",
                  NoOptions.class,
                  "learned",
                  NoOptions.class,
                  "relative",
                  Relative.class)));

  private final ConfigBinder binder = new ConfigBinder(TYPES);

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
    Experiment e =
        bind("name: x\nschedule: cosine\nmodel: {positions: {type: relative, buckets: 8}}\n");
    Map<String, Object> tree = new ConfigWriter(new ConfigSchema(TYPES)).toTree(e);
    assertEquals("cosine", ((Map<?, ?>) tree.get("schedule")).get("type"));
    assertEquals(
        Map.of("type", "relative", "buckets", 8), ((Map<?, ?>) tree.get("model")).get("positions"));
    Experiment again =
        binder.bind(Experiment.class, ConfigTree.parse(ConfigTree.toYaml(tree), "resolved.yaml"));
    assertEquals(e, again);
  }

  @Test
  void knownPathsIncludeVariantAndComponentKeys() {
    Set<String> paths = new ConfigSchema(TYPES).knownPaths(Experiment.class);
    assertTrue(paths.contains("schedule.min_ratio"));
    assertTrue(paths.contains("model.d_model"));
    assertTrue(paths.contains("model.positions.buckets"));
    assertTrue(paths.contains("small.heads"), "inline keys sit in their enclosing mapping");
  }

  @Test
  void aComponentWithoutOptionsIsItsBareNameAndOneWithOptionsAMapping() {
    assertEquals(
        Choice.of("learned"), bind("name: x\nmodel: {positions: learned}\n").model().positions());
    assertEquals(
        new Choice("relative", new Relative(4)),
        bind("name: x\nmodel: {positions: {type: relative, buckets: 4}}\n").model().positions());
    assertEquals(
        new Choice("relative", new Relative(16)),
        bind("name: x\nmodel: {positions: relative}\n").model().positions(),
        "a bare name takes the component's defaults");
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> bind("name: x\nmodel: {positions: {type: relative, bukets: 4}}\n"));
    assertTrue(
        e.getMessage().contains("unknown key 'model.positions.bukets'")
            && e.getMessage().contains("did you mean 'buckets'"),
        e.getMessage());
    e =
        assertThrows(
            ConfigException.class,
            () -> bind("name: x\nmodel: {positions: {type: relative, buckets: 0}}\n"));
    assertTrue(
        e.getMessage().contains("'model.positions.buckets' is 0; it must be at least 1"),
        e.getMessage());
    e =
        assertThrows(
            ConfigException.class,
            () -> bind("name: x\nmodel: {positions: {type: learned, size: 4}}\n"));
    assertTrue(e.getMessage().contains("(learned) takes no options"), e.getMessage());
  }

  @Test
  void inlineRecordsShareTheEnclosingMappingWithTheirOwnDefaults() {
    Small small = bind("name: x\nsmall: {heads: 2, layers: 3}\n").small();
    assertEquals(new Small(3, new Widths(64, 2), false), small);
    assertEquals(
        List.of("d_model", "layers", "heads", "tied"),
        List.copyOf(new ConfigSchema(TYPES).keyNames(Small.class)));
    Map<String, Object> tree = new ConfigWriter(new ConfigSchema(TYPES)).toTree(bind("name: x\n"));
    assertEquals(
        List.of("d_model", "layers", "heads", "tied"),
        List.copyOf(((Map<?, ?>) tree.get("small")).keySet()),
        "written in the schema's order");
    assertEquals(Map.of("layers", 1, "d_model", 64, "heads", 8, "tied", false), tree.get("small"));
    ConfigException e =
        assertThrows(ConfigException.class, () -> bind("name: x\nsmall: {d_model: 0}\n"));
    assertTrue(e.getMessage().contains("'small.d_model' is 0"), e.getMessage());
  }

  @Test
  void aKeyOfAnotherSectionTypeSaysWhichTypeHasIt() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> bind("name: x\nschedule: {type: constant, min_ratio: 0.5}\n"));
    assertTrue(
        e.getMessage().contains("'schedule.min_ratio' is a key of schedule type cosine")
            && e.getMessage().contains("set schedule.type: cosine"),
        e.getMessage());
    assertTrue(!e.getMessage().contains("did you mean 'schedule.min_ratio'"), e.getMessage());
  }

  @Test
  void numbersMustBeFiniteAndFitTheirType() {
    ConfigException e = assertThrows(ConfigException.class, () -> bind("name: x\ndropout: .inf\n"));
    assertTrue(e.getMessage().contains("expected a finite number"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> bind("name: x\nmodel: {d_model: 99999999999}\n"));
    assertTrue(e.getMessage().contains("too large for this key"), e.getMessage());
  }
}
