package org.ablate.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Layer;
import org.ablate.core.graph.Param;
import org.ablate.core.registry.Components;
import org.ablate.core.testing.Tf;
import org.ablate.layers.attention.Attention;
import org.ablate.layers.attention.AttentionFactory;
import org.ablate.layers.attention.AttentionSpec;
import org.ablate.layers.attention.MultiHeadFactory;
import org.ablate.layers.attention.MultiHeadSpec;
import org.ablate.layers.feedforward.FeedForwardFactory;
import org.ablate.layers.feedforward.FeedForwardSpec;
import org.ablate.layers.norm.NormFactory;
import org.ablate.layers.position.PositionSpec;
import org.ablate.layers.position.PositionalEncodingFactory;
import org.ablate.layers.recurrent.Rnn;
import org.ablate.layers.recurrent.RnnCellFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The contract every registered component passes: it builds under its own scope, creates the
 * expected number of weights (closed form), every weight is named below its path, and a call gives
 * the expected output shape. B=2, T=5, D=8.
 */
class LayerContractTest {
  static final int B = 2;
  static final int T = 5;
  static final int D = 8;

  record Case(
      String slot,
      String name,
      Function<Void, Layer> create,
      long params,
      Function<Ctx, Operand<TFloat32>> call,
      long[] shape) {
    @Override
    public String toString() {
      return slot + "/" + name;
    }
  }

  record Ctx(Layer layer, CallScope cs, Operand<TFloat32> x) {}

  static float[][][] input() {
    float[][][] x = new float[B][T][D];
    for (int b = 0; b < B; b++) {
      for (int t = 0; t < T; t++) {
        for (int d = 0; d < D; d++) {
          x[b][t][d] = (float) Math.sin(1 + b * 31 + t * 7 + d);
        }
      }
    }
    return x;
  }

  static Stream<Arguments> cases() {
    List<Case> cases = new ArrayList<>();
    long[] btd = {B, T, D};
    for (String name : Slots.of(AttentionFactory.class).keySet()) {
      long params =
          switch (name) {
            case "general" -> (long) D * D;
            case "additive" -> 2L * D * D + D;
            case "locality" -> 1; // the learned temperature
            default -> 0;
          };
      cases.add(
          new Case(
              "attention",
              name,
              v ->
                  Slots.get(AttentionFactory.class, name)
                      .create("attention", new AttentionSpec(D, D, 0.0)),
              params,
              c -> ((Attention) c.layer()).call(c.cs(), c.x(), c.x(), c.x(), null),
              btd));
    }
    for (String name : Slots.of(MultiHeadFactory.class).keySet()) {
      cases.add(
          new Case(
              "multi_head",
              name,
              v ->
                  Slots.get(MultiHeadFactory.class, name)
                      .create(
                          "mha",
                          new MultiHeadSpec(D, 2, 0.0),
                          Slots.get(AttentionFactory.class, "scaled_dot_product")
                              .create("attention", new AttentionSpec(4, 4, 0.0))),
              4L * (D * D + D),
              c ->
                  ((org.ablate.layers.attention.MultiHeadAttention) c.layer())
                      .call(c.cs(), c.x(), c.x(), null),
              btd));
    }
    for (String name : Slots.of(FeedForwardFactory.class).keySet()) {
      cases.add(
          new Case(
              "feed_forward",
              name,
              v ->
                  Slots.get(FeedForwardFactory.class, name)
                      .create("ffn", new FeedForwardSpec(D, 16, 0.1)),
              2L * D * 16 + 16 + D,
              c ->
                  ((org.ablate.layers.feedforward.PositionwiseFeedForward) c.layer())
                      .call(c.cs(), c.x()),
              btd));
    }
    for (String name : Slots.of(NormFactory.class).keySet()) {
      cases.add(
          new Case(
              "norm_type",
              name,
              v -> Slots.get(NormFactory.class, name).create("norm", D),
              name.equals("layer_norm") ? 2L * D : D,
              c -> ((org.ablate.layers.norm.Norm) c.layer()).call(c.cs(), c.x()),
              btd));
    }
    for (String name : Slots.of(PositionalEncodingFactory.class).keySet()) {
      cases.add(
          new Case(
              "positional_encoding",
              name,
              v ->
                  Slots.get(PositionalEncodingFactory.class, name)
                      .create("positions", new PositionSpec(D, 16)),
              name.equals("learned") ? 16L * D : 0,
              c -> ((org.ablate.layers.position.PositionalEncoding) c.layer()).call(c.cs(), c.x()),
              btd));
    }
    for (String name : Slots.of(RnnCellFactory.class).keySet()) {
      int h = 6;
      long gates = name.equals("gru") ? 3 : 4;
      long params = gates * ((long) D * h + (long) h * h + h) + (name.equals("gru") ? 3L * h : 0);
      cases.add(
          new Case(
              "rnn_cell",
              name,
              v ->
                  new Rnn("rnn", Slots.get(RnnCellFactory.class, name).create("cell", D, h), false),
              params,
              c -> ((Rnn) c.layer()).call(c.cs(), c.x(), null, null).outputs(),
              new long[] {B, T, h}));
    }
    return cases.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyRegisteredComponentHonoursTheLayerContract(Case c) {
    try (Tf tf = new Tf()) {
      Layer layer = c.create().apply(null);
      layer.build(tf.context.params());
      assertEquals(c.params(), layer.parameterCount(), "closed-form parameter count of " + c);
      for (Param p : layer.allParams()) {
        assertTrue(
            p.name().startsWith(layer.path() + "/"), p.name() + " is outside " + layer.path());
        assertEquals(p.name(), p.variable().op().name());
      }
      Operand<TFloat32> x = tf.input(input());
      Operand<TFloat32> y = c.call().apply(new Ctx(layer, tf.context.call("call", true), x));
      assertArrayEquals(c.shape(), tf.shape(y), "output shape of " + c);
      for (float v : tf.run(y)) {
        assertTrue(Float.isFinite(v), c + " produced " + v);
      }
    }
  }

  @Test
  void everySlotHasAContractCase() {
    List<String> covered = cases().map(a -> ((Case) a.get()[0]).slot()).distinct().toList();
    Map<String, ?> slots =
        Components.registeredNames(com.google.inject.Guice.createInjector(new LayersModule()));
    assertEquals(slots.keySet().stream().sorted().toList(), covered.stream().sorted().toList());
  }
}
