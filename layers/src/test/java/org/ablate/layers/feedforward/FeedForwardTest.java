package org.ablate.layers.feedforward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.ablate.core.testing.Tf;
import org.ablate.layers.dense.Activation;
import org.junit.jupiter.api.Test;

class FeedForwardTest {
  @Test
  void activationsMatchTheirDefinitions() {
    try (Tf tf = new Tf()) {
      var x = tf.input(new float[][] {{-1, 0, 1, 2}});
      var ops = tf.context.tf();
      assertArrayEquals(new float[] {0, 0, 1, 2}, tf.run(Activation.RELU.apply(ops, x)));
      // GELU(x) = x Phi(x): Phi(1) = 0.8413447, Phi(2) = 0.9772499
      assertArrayEquals(
          new float[] {-0.1586553f, 0, 0.8413447f, 2 * 0.9772499f},
          tf.run(Activation.GELU.apply(ops, x)),
          1e-6f);
      // Swish(x) = x sigmoid(x): sigmoid(-1) = 0.2689414, sigmoid(1) = 0.7310586, sigmoid(2) =
      // 0.8807971
      assertArrayEquals(
          new float[] {-0.2689414f, 0, 0.7310586f, 2 * 0.8807971f},
          tf.run(Activation.SWISH.apply(ops, x)),
          1e-6f);
    }
  }

  @Test
  void theTwoThirdsRuleMatchesTheTwoMatrixWeights() {
    // Shazeer 2020: d_ff 3072 becomes 2048 in the gated blocks, 3 D 2048 = 2 D 3072
    assertEquals(2048, GatedConfig.InnerWidth.TWO_THIRDS.of(3072));
    assertEquals(11, GatedConfig.InnerWidth.TWO_THIRDS.of(16)); // 10.67 rounds to 11
    assertEquals(1, GatedConfig.InnerWidth.TWO_THIRDS.of(1));
    assertEquals(16, GatedConfig.InnerWidth.D_FF.of(16));
  }

  @Test
  void swigluAndGegluGateTheValueWithTheActivatedGate() {
    float[][][] input = {{{1, -2}, {0.5f, 3}}};
    for (Activation act : new Activation[] {Activation.SWISH, Activation.GELU}) {
      try (Tf tf = new Tf(3)) {
        GatedFeedForward ffn =
            new GatedFeedForward(
                "ffn",
                new FeedForwardSpec(2, 3, 0.0),
                act,
                new GatedConfig(GatedConfig.InnerWidth.D_FF));
        ffn.build(tf.context.params());
        float[] y = tf.run(ffn.call(tf.context.call("c", false), tf.input(input)));
        float[] w = tf.run(ffn.gate().kernel()); // [2, 3]
        float[] v = tf.run(ffn.value().kernel()); // [2, 3]
        float[] o = tf.run(ffn.outer().kernel()); // [3, 2]
        for (int t = 0; t < 2; t++) {
          double[] h = new double[3];
          for (int f = 0; f < 3; f++) {
            double a = input[0][t][0] * w[f] + input[0][t][1] * w[3 + f];
            double b = input[0][t][0] * v[f] + input[0][t][1] * v[3 + f];
            double gated =
                act == Activation.SWISH
                    ? a / (1 + Math.exp(-a))
                    : 0.5 * a * (1 + erf(a / Math.sqrt(2)));
            h[f] = gated * b;
          }
          for (int d = 0; d < 2; d++) {
            double expected = h[0] * o[d] + h[1] * o[2 + d] + h[2] * o[4 + d];
            assertEquals(expected, y[t * 2 + d], 1e-5, act + " position " + t + " unit " + d);
          }
        }
        assertNull(ffn.gate().bias(), "the paper's gated blocks have no biases");
        assertNull(ffn.value().bias());
        assertNull(ffn.outer().bias());
      }
    }
  }

  /** erf by Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7). */
  private static double erf(double x) {
    double t = 1 / (1 + 0.3275911 * Math.abs(x));
    double poly =
        t
            * (0.254829592
                + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    double r = 1 - poly * Math.exp(-x * x);
    return x >= 0 ? r : -r;
  }

  @Test
  void gatedBlocksHaveThreeUnbiasedMatricesOfTheRuleWidth() {
    try (Tf tf = new Tf()) {
      GatedFeedForward ffn =
          new GatedFeedForward(
              "ffn",
              new FeedForwardSpec(8, 16, 0.0),
              Activation.SWISH,
              new GatedConfig(GatedConfig.InnerWidth.TWO_THIRDS));
      ffn.build(tf.context.params());
      assertEquals(11, ffn.inner());
      assertEquals(3L * 8 * 11, tf.context.parameters().stream().mapToLong(p -> p.size()).sum());
    }
  }

  @Test
  void isAppliedToEachPositionSeparately() {
    try (Tf tf = new Tf()) {
      PositionwiseFeedForward ffn =
          new PositionwiseFeedForward("ffn", new FeedForwardSpec(3, 5, 0.0), Activation.RELU);
      ffn.build(tf.context.params());
      float[] both =
          tf.run(
              ffn.call(
                  tf.context.call("a", false), tf.input(new float[][][] {{{1, 2, 3}, {4, 5, 6}}})));
      float[] second =
          tf.run(ffn.call(tf.context.call("b", false), tf.input(new float[][][] {{{4, 5, 6}}})));
      assertArrayEquals(second, java.util.Arrays.copyOfRange(both, 3, 6), 1e-6f);
    }
  }
}
