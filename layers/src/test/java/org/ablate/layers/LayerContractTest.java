package org.ablate.layers;

import static org.ablate.layers.testing.LayerContracts.D;
import static org.ablate.layers.testing.LayerContracts.D_FF;
import static org.ablate.layers.testing.LayerContracts.HEADS;
import static org.ablate.layers.testing.LayerContracts.HIDDEN;
import static org.ablate.layers.testing.LayerContracts.MAX_LENGTH;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ablate.core.registry.ComponentSources;
import org.ablate.core.registry.Registry;
import org.ablate.core.registry.Wiring;
import org.ablate.layers.attention.Attention;
import org.ablate.layers.attention.AttentionSpec;
import org.ablate.layers.attention.MultiHeadAttention;
import org.ablate.layers.feedforward.FeedForward;
import org.ablate.layers.norm.Norm;
import org.ablate.layers.position.PositionalEncoding;
import org.ablate.layers.recurrent.RnnCell;
import org.ablate.layers.testing.LayerContracts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered layer component, in every layer slot, passes {@link LayerContracts} with its
 * parameter count in closed form (B=2, T=5, D=8, 2 heads of 4, d_ff 16, hidden 6).
 */
class LayerContractTest {
  static final Registry REGISTRY =
      Wiring.injector(List.of(new Wiring.Source(new LayersModule(), ComponentSources.BUILT_IN)))
          .getInstance(Registry.class);

  record Case(String slot, String name) {
    @Override
    public String toString() {
      return slot + "/" + name;
    }
  }

  static Stream<Case> cases() {
    List<Case> out = new ArrayList<>();
    REGISTRY.names().forEach((slot, names) -> names.forEach(n -> out.add(new Case(slot, n))));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyRegisteredComponentHonoursTheLayerContract(Case c) {
    Record options = REGISTRY.defaults(c.slot(), c.name());
    int dh = D / HEADS;
    switch (c.slot()) {
      case "attention" ->
          LayerContracts.attention(
              REGISTRY.factory(Attention.SLOT, c.name()),
              options,
              switch (c.name()) {
                case "general" -> (long) dh * dh;
                case "additive" -> 2L * dh * dh + dh;
                case "locality" -> 1; // the learned temperature
                default -> 0;
              });
      case "multi_head" ->
          LayerContracts.multiHead(
              REGISTRY.factory(MultiHeadAttention.SLOT, c.name()),
              options,
              REGISTRY
                  .factory(Attention.SLOT, "scaled_dot_product")
                  .create(
                      "attention",
                      new AttentionSpec(dh, dh, 0.0, HEADS),
                      REGISTRY.defaults("attention", "scaled_dot_product")),
              4L * (D * D + D));
      case "feed_forward" ->
          LayerContracts.feedForward(
              REGISTRY.factory(FeedForward.SLOT, c.name()),
              options,
              c.name().endsWith("glu")
                  ? 3L
                      * D
                      * Math.round(2.0 * D_FF / 3) // gated: W, V, W_2 of inner 2/3 d_ff, no bias
                  : 2L * D * D_FF + D_FF + D);
      case "norm_type" ->
          LayerContracts.norm(
              REGISTRY.factory(Norm.SLOT, c.name()),
              options,
              c.name().equals("layer_norm") ? 2L * D : D);
      case "positional_encoding" ->
          LayerContracts.positions(
              REGISTRY.factory(PositionalEncoding.SLOT, c.name()),
              options,
              switch (c.name()) {
                case "learned" -> (long) MAX_LENGTH * D;
                case "t5_bias" -> 32L * HEADS; // a scalar per bucket and head
                case "shaw" -> (2L * 16 + 1) * (D / HEADS); // a vector per clipped distance
                default -> 0;
              });
      case "rnn_cell" -> {
        long gates = c.name().equals("gru") ? 3 : 4;
        LayerContracts.rnnCell(
            REGISTRY.factory(RnnCell.SLOT, c.name()),
            options,
            gates * ((long) D * HIDDEN + (long) HIDDEN * HIDDEN + HIDDEN)
                + (c.name().equals("gru") ? 3L * HIDDEN : 0));
      }
      default -> throw new AssertionError("no contract for slot " + c.slot());
    }
  }

  @Test
  void everyLayerSlotIsCovered() {
    assertEquals(
        List.of(
            "attention",
            "feed_forward",
            "multi_head",
            "norm_type",
            "positional_encoding",
            "rnn_cell"),
        List.copyOf(REGISTRY.names().keySet()));
  }
}
