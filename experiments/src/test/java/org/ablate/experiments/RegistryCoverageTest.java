package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.ablate.core.config.Choice;
import org.ablate.core.config.ConfigBinder;
import org.ablate.core.config.ConfigSchema;
import org.ablate.core.config.ConfigTree;
import org.ablate.core.config.Slot;
import org.ablate.core.graph.GraphContext;
import org.ablate.core.graph.Layer;
import org.ablate.core.graph.Precision;
import org.ablate.core.registry.Registry;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.layers.attention.Attention;
import org.ablate.layers.attention.AttentionSpec;
import org.ablate.layers.attention.MultiHeadAttention;
import org.ablate.layers.attention.MultiHeadSpec;
import org.ablate.layers.feedforward.FeedForward;
import org.ablate.layers.feedforward.FeedForwardSpec;
import org.ablate.layers.norm.Norm;
import org.ablate.layers.norm.NormSpec;
import org.ablate.layers.position.PositionSpec;
import org.ablate.layers.position.PositionalEncoding;
import org.ablate.layers.recurrent.RnnCell;
import org.ablate.layers.recurrent.RnnCellSpec;
import org.ablate.models.DataSpec;
import org.ablate.models.Model;
import org.ablate.models.config.ModelConfig;
import org.ablate.training.config.DataConfig;
import org.ablate.training.config.OptimizerConfig;
import org.ablate.training.config.ScheduleConfig;
import org.ablate.training.config.TokenizerConfig;
import org.ablate.training.data.Tokenizer;
import org.ablate.training.data.TokenizerSource;
import org.ablate.training.tasks.Batching;
import org.ablate.training.tasks.Task;
import org.ablate.training.tasks.TaskContext;
import org.ablate.training.testing.FashionMnistFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;

/**
 * Every registered name builds with its config record's defaults, and every config record in the
 * code is reachable from an experiment file: no name is dead and no record is unused.
 */
class RegistryCoverageTest {
  private static final Registry REGISTRY = Tests.ABLATE.registry();

  record Entry(String slot, String name) {
    @Override
    public String toString() {
      return slot + "/" + name;
    }
  }

  static Stream<Entry> entries() {
    List<Entry> out = new ArrayList<>();
    REGISTRY.names().forEach((slot, names) -> names.forEach(n -> out.add(new Entry(slot, n))));
    return out.stream();
  }

  /** The config of a type-slot entry, with the fields a test needs to read real files. */
  private static Object sectionConfig(Entry e) {
    String yaml = e.name().equals("fashion_mnist") ? "dir: " + FashionMnistFixture.dir() : "";
    return new ConfigBinder(REGISTRY)
        .bind(REGISTRY.configs(e.slot()).get(e.name()), ConfigTree.parse(yaml, "test"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void everyRegisteredNameBuildsWithItsDefaults(Entry e) {
    Object built =
        switch (e.slot()) {
          case "attention" ->
              REGISTRY
                  .factory(Attention.SLOT, e.name())
                  .create(
                      "a", new AttentionSpec(4, 4, 0.0, 2), REGISTRY.defaults(e.slot(), e.name()));
          case "multi_head" ->
              REGISTRY
                  .factory(MultiHeadAttention.SLOT, e.name())
                  .create(
                      "mha",
                      new MultiHeadAttention.Parts(
                          new MultiHeadSpec(8, 2, 0.0),
                          REGISTRY.make(
                              Attention.SLOT,
                              Choice.of("scaled_dot_product"),
                              "k",
                              "a",
                              new AttentionSpec(4, 4, 0.0, 2))),
                      REGISTRY.defaults(e.slot(), e.name()));
          case "feed_forward" ->
              REGISTRY
                  .factory(FeedForward.SLOT, e.name())
                  .create(
                      "f", new FeedForwardSpec(8, 16, 0.0), REGISTRY.defaults(e.slot(), e.name()));
          case "norm_type" ->
              REGISTRY
                  .factory(Norm.SLOT, e.name())
                  .create("n", new NormSpec(8), REGISTRY.defaults(e.slot(), e.name()));
          case "positional_encoding" ->
              REGISTRY
                  .factory(PositionalEncoding.SLOT, e.name())
                  .create("p", new PositionSpec(8, 16), REGISTRY.defaults(e.slot(), e.name()));
          case "rnn_cell" ->
              REGISTRY
                  .factory(RnnCell.SLOT, e.name())
                  .create("c", new RnnCellSpec(8, 6), REGISTRY.defaults(e.slot(), e.name()));
          case "model" -> model(e);
          case "data" -> task(e);
          case "optimizer" ->
              REGISTRY.make(OptimizerConfig.SLOT, (OptimizerConfig) sectionConfig(e), null);
          case "schedule" -> {
            ScheduleConfig s =
                REGISTRY.make(ScheduleConfig.SLOT, (ScheduleConfig) sectionConfig(e), null);
            assertTrue(Double.isFinite(s.factor(10, 100)));
            yield s;
          }
          case "tokenizer" -> {
            Tokenizer t =
                REGISTRY.make(
                    TokenizerConfig.SLOT,
                    (TokenizerConfig) sectionConfig(e),
                    TokenizerSource.learn(List.of("the cat", "le chat")));
            assertTrue(t.vocabularySize() > 4);
            yield t;
          }
          default -> throw new AssertionError("no way to build slot " + e.slot() + " in this test");
        };
    assertNotNull(built, e.toString());
    if (built instanceof Layer layer && !(built instanceof Model)) {
      try (Graph g = new Graph()) {
        layer.build(new GraphContext(g, 1, Precision.FLOAT32).params());
      }
    }
  }

  private static Model model(Entry e) {
    DataSpec data =
        switch (e.name()) {
          case "vit", "rnn_rows", "cnn" -> DataSpec.images(28, 28, 1, 10);
          case "transformer_classifier" -> DataSpec.tokenClasses(12, 3, 16);
          case "transformer_lm" -> DataSpec.sequences(12, 0, 16);
          default -> DataSpec.sequences(12, 12, 16);
        };
    Model m = REGISTRY.make(ModelConfig.SLOT, (ModelConfig) sectionConfig(e), data);
    try (Graph g = new Graph()) {
      m.network().build(new GraphContext(g, 1, Precision.FLOAT32).params());
      assertTrue(m.network().parameterCount() > 0);
    }
    return m;
  }

  private static Task task(Entry e) {
    Task t =
        REGISTRY.make(
            DataConfig.SLOT,
            (DataConfig) sectionConfig(e),
            new TaskContext(
                1,
                new Batching(16, org.ablate.training.config.TrainingConfig.BatchUnit.EXAMPLES),
                new ConfigBinder()
                    .bind(org.ablate.training.config.EvalConfig.class, ConfigTree.empty()),
                null,
                REGISTRY));
    assertTrue(!t.metricNames().isEmpty());
    return t;
  }

  @Test
  void everyConfigRecordIsReachableFromAnExperimentFile() throws Exception {
    Set<Class<?>> reachable = new LinkedHashSet<>();
    collect(ExperimentConfig.class, reachable, new ConfigSchema(REGISTRY));
    List<Class<?>> records = new ArrayList<>();
    for (Class<?> anchor :
        List.of(ModelConfig.class, DataConfig.class, ExperimentConfig.class, Attention.class)) {
      records.addAll(configRecords(anchor));
    }
    assertTrue(records.size() > 20, "found the config records: " + records);
    for (Class<?> r : records) {
      assertTrue(reachable.contains(r), r.getName() + " is not reachable from an experiment file");
    }
    for (Map.Entry<String, java.util.Set<String>> slot : REGISTRY.names().entrySet()) {
      for (String name : slot.getValue()) {
        assertTrue(
            reachable.contains(REGISTRY.configs(slot.getKey()).get(name)),
            slot.getKey() + " '" + name + "' cannot be chosen by any key");
      }
    }
    assertEquals(
        Set.of(
            "attention",
            "multi_head",
            "feed_forward",
            "norm_type",
            "positional_encoding",
            "rnn_cell"),
        slotsNamedByKeys(ExperimentConfig.class, new ConfigSchema(REGISTRY), new LinkedHashSet<>()),
        "every component slot is chosen by some key");
  }

  private static void collect(Class<?> type, Set<Class<?>> out, ConfigSchema schema) {
    if (!out.add(type)) {
      return;
    }
    for (ConfigSchema.Key k : schema.keys(type)) {
      k.via().forEach(c -> out.add(c.getType()));
      Class<?> t = k.component().getType();
      if (t == Choice.class) {
        schema.choices(k.slot()).values().forEach(c -> collect(c, out, schema));
      } else if (t.isRecord()) {
        collect(t, out, schema);
      } else if (schema.sectionSlot(t).isPresent()) {
        schema.variants(t).values().forEach(v -> collect(v, out, schema));
      }
    }
  }

  private static Set<String> slotsNamedByKeys(
      Class<?> type, ConfigSchema schema, Set<Class<?>> seen) {
    Set<String> out = new LinkedHashSet<>();
    if (!seen.add(type)) {
      return out;
    }
    for (ConfigSchema.Key k : schema.keys(type)) {
      Slot slot = k.slot();
      Class<?> t = k.component().getType();
      if (slot != null) {
        out.add(slot.value());
      } else if (t.isRecord()) {
        out.addAll(slotsNamedByKeys(t, schema, seen));
      } else if (schema.sectionSlot(t).isPresent()) {
        schema.variants(t).values().forEach(v -> out.addAll(slotsNamedByKeys(v, schema, seen)));
      }
    }
    return out;
  }

  /** The records in the {@code config} packages of the module holding {@code anchor}. */
  private static List<Class<?>> configRecords(Class<?> anchor)
      throws IOException, URISyntaxException {
    Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> walk = Files.walk(location)) {
        walk.map(p -> location.relativize(p).toString().replace('\\', '/')).forEach(names::add);
      }
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        jar.stream().forEach(en -> names.add(en.getName()));
      }
    }
    List<Class<?>> out = new ArrayList<>();
    for (String n : names) {
      if (n.matches("org/ablate/[a-z]+/config/[A-Za-z]+\\.class")) {
        try {
          Class<?> c = Class.forName(n.replace('/', '.').replace(".class", ""));
          if (c.isRecord() && hasKeys(c)) {
            out.add(c);
          }
        } catch (ClassNotFoundException ex) {
          throw new IllegalStateException(ex);
        }
      }
    }
    return out;
  }

  private static boolean hasKeys(Class<?> c) {
    for (RecordComponent rc : c.getRecordComponents()) {
      if (rc.isAnnotationPresent(org.ablate.core.config.Doc.class)
          || rc.isAnnotationPresent(org.ablate.core.config.Inline.class)) {
        return true;
      }
    }
    return false;
  }
}
