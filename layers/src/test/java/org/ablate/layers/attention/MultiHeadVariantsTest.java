package org.ablate.layers.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ablate.core.graph.CallScope;
import org.ablate.core.testing.Tf;
import org.ablate.layers.dense.Dense;
import org.ablate.layers.testing.LayerContracts;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Grouped-query and multi-query attention, QK-norm and bias-free projections against closed forms:
 * parameter counts, equality with the standard block given the same weights, and the invariance
 * QK-norm promises.
 */
class MultiHeadVariantsTest {
  private static final int D = 8;
  private static final int H = 4;
  private static final int DH = D / H;

  private static MultiHeadAttention block(String name, MultiHeadConfig config) {
    return new MultiHeadAttention(
        name,
        new MultiHeadSpec(D, H, 0.0),
        new ScaledDotProductAttention("attention", new AttentionSpec(DH, DH, 0.0, H)),
        null,
        config);
  }

  private static MultiHeadAttention.Parts parts() {
    return new MultiHeadAttention.Parts(
        new MultiHeadSpec(LayerContracts.D, LayerContracts.HEADS, 0.0),
        new ScaledDotProductAttention(
            "attention",
            new AttentionSpec(
                LayerContracts.D / LayerContracts.HEADS,
                LayerContracts.D / LayerContracts.HEADS,
                0.0,
                LayerContracts.HEADS)));
  }

  @Test
  void everyVariantHonoursTheMultiHeadContractWithItsClosedFormParameterCount() {
    int d = LayerContracts.D;
    int dh = d / LayerContracts.HEADS;
    // multi-query, QK-norm, no bias: q and output D^2 each, key and value D Dh each, two LayerNorms
    // of 2 Dh
    LayerContracts.multiHead(
        (name, p, c) -> new MultiHeadAttention(name, p.spec(), p.attention(), p.relative(), c),
        new MultiHeadConfig(1, MultiHeadConfig.QkNorm.LAYER_NORM, false),
        parts().attention(),
        2L * d * d + 2L * d * dh + 2L * 2 * dh);
    // kv_heads = heads with biases: the paper's 4 (D^2 + D)
    LayerContracts.multiHead(
        (name, p, c) -> new MultiHeadAttention(name, p.spec(), p.attention(), p.relative(), c),
        new MultiHeadConfig(LayerContracts.HEADS, MultiHeadConfig.QkNorm.NONE, true),
        parts().attention(),
        4L * (d * d + d));
    // L2 QK-norm: one learned scalar, no other weights
    LayerContracts.multiHead(
        (name, p, c) -> new MultiHeadAttention(name, p.spec(), p.attention(), p.relative(), c),
        new MultiHeadConfig(0, MultiHeadConfig.QkNorm.L2, 5.0, true),
        parts().attention(),
        4L * (d * d + d) + 1);
  }

  @Test
  void l2QkNormScoresAreTheLearnedScaleTimesTheCosine() {
    try (Tf tf = new Tf()) {
      // one head of width 2 with identity query and key projections, so q = x and k = memory
      MultiHeadAttention mha =
          new MultiHeadAttention(
              "mha",
              new MultiHeadSpec(2, 1, 0.0),
              new ScaledDotProductAttention("attention", new AttentionSpec(2, 2, 0.0, 1)),
              null,
              new MultiHeadConfig(0, MultiHeadConfig.QkNorm.L2, 3.0, true));
      mha.build(tf.context.params());
      Ops ops = tf.context.tf();
      for (String name : new String[] {"query", "key"}) {
        assign(tf, mha.projection(name).kernel(), ops.constant(new float[][] {{1, 0}, {0, 1}}));
        assign(tf, mha.projection(name).bias(), ops.constant(new float[] {0, 0}));
      }
      CallScope cs = tf.context.call("c", false);
      // the query (3, 4) against keys (1, 0), (0, 2) and (-5, 0): cosines 0.6, 0.8 and -0.6,
      // whatever the lengths
      float[] weights =
          tf.run(
              mha.weights(
                  cs,
                  tf.input(new float[][][] {{{3, 4}}}),
                  tf.input(new float[][][] {{{1, 0}, {0, 2}, {-5, 0}}}),
                  null));
      double[] scores = {3 * 0.6, 3 * 0.8, 3 * -0.6};
      double sum = 0;
      for (double v : scores) {
        sum += Math.exp(v);
      }
      float[] expected = new float[3];
      for (int i = 0; i < 3; i++) {
        expected[i] = (float) (Math.exp(scores[i]) / sum);
      }
      assertArrayEquals(expected, weights, 1e-6f);
    }
  }

  @Test
  void kvHeadsEqualToHeadsIsTheStandardBlockBitForBit() {
    float[][][] x = LayerContracts.input(2, 5, D, 1);
    float[] standard;
    float[] grouped;
    try (Tf tf = new Tf(3)) {
      MultiHeadAttention mha = block("mha", MultiHeadConfig.STANDARD);
      mha.build(tf.context.params());
      standard = tf.run(mha.selfAttention(tf.context.call("c", false), tf.input(x), null));
    }
    try (Tf tf = new Tf(3)) {
      MultiHeadAttention mha =
          block("mha", new MultiHeadConfig(H, MultiHeadConfig.QkNorm.NONE, true));
      mha.build(tf.context.params());
      grouped = tf.run(mha.selfAttention(tf.context.call("c", false), tf.input(x), null));
    }
    assertArrayEquals(standard, grouped);
  }

  @Test
  void groupedQueryAttentionIsStandardAttentionWithEachKeyValueHeadCopiedToItsGroup() {
    for (int groups : new int[] {1, 2}) {
      try (Tf tf = new Tf(4)) {
        MultiHeadAttention gqa =
            block("gqa", new MultiHeadConfig(groups, MultiHeadConfig.QkNorm.NONE, true));
        MultiHeadAttention standard = block("standard", MultiHeadConfig.STANDARD);
        gqa.build(tf.context.params());
        standard.build(tf.context.params());
        // standard's head h gets the key and value weights of gqa's group h / (H / G)
        copy(tf, gqa.projection("query"), standard.projection("query"), 1);
        copy(tf, gqa.projection("output"), standard.projection("output"), 1);
        copy(tf, gqa.projection("key"), standard.projection("key"), H / groups);
        copy(tf, gqa.projection("value"), standard.projection("value"), H / groups);
        CallScope cs = tf.context.call("c", false);
        Operand<TFloat32> x = tf.input(LayerContracts.input(2, 5, D, 2));
        Operand<TFloat32> memory = tf.input(LayerContracts.input(2, 3, D, 3));
        assertArrayEquals(
            tf.run(standard.selfAttention(cs, x, null)),
            tf.run(gqa.selfAttention(cs, x, null)),
            1e-6f,
            "self-attention, G = " + groups);
        assertArrayEquals(
            tf.run(standard.call(cs, x, memory, null)),
            tf.run(gqa.call(cs, x, memory, null)),
            1e-6f,
            "cross-attention, G = " + groups);
      }
    }
  }

  /**
   * Writes {@code from}'s kernel and bias into {@code to}, each head-width block of columns of
   * {@code from} repeated {@code repeat} times.
   */
  private static void copy(Tf tf, Dense from, Dense to, int repeat) {
    Ops ops = tf.context.tf();
    int outFrom = from.out();
    float[] k = tf.run(from.kernel());
    float[][] kernel = new float[from.in()][outFrom * repeat];
    for (int i = 0; i < from.in(); i++) {
      for (int c = 0; c < outFrom * repeat; c++) {
        int head = c / DH;
        int source = repeat == 1 ? c : (head / repeat) * DH + c % DH;
        kernel[i][c] = k[i * outFrom + source];
      }
    }
    assign(tf, to.kernel(), ops.constant(kernel));
    float[] b = tf.run(from.bias());
    float[] bias = new float[outFrom * repeat];
    for (int c = 0; c < bias.length; c++) {
      int head = c / DH;
      bias[c] = b[repeat == 1 ? c : (head / repeat) * DH + c % DH];
    }
    assign(tf, to.bias(), ops.constant(bias));
  }

  private static void assign(Tf tf, Variable<TFloat32> variable, Operand<TFloat32> value) {
    tf.run(tf.context.tf().assign(variable, value));
  }

  @Test
  void qkNormMakesTheScoresIndependentOfTheQueryAndKeyScale() {
    for (MultiHeadConfig.QkNorm qkNorm : MultiHeadConfig.QkNorm.values()) {
      try (Tf tf = new Tf(6)) {
        // 2 heads of 4, so that each head's LayerNorm sees a variance well above its epsilon
        MultiHeadAttention mha =
            new MultiHeadAttention(
                "mha",
                new MultiHeadSpec(D, 2, 0.0),
                new ScaledDotProductAttention("attention", new AttentionSpec(4, 4, 0.0, 2)),
                null,
                new MultiHeadConfig(0, qkNorm, true));
        mha.build(tf.context.params());
        CallScope cs = tf.context.call("c", false);
        Operand<TFloat32> x = tf.input(LayerContracts.input(1, 5, D, 5));
        float[] before = tf.run(mha.selfAttention(cs, x, null));
        for (String name : new String[] {"query", "key"}) {
          var dense = mha.projection(name);
          Ops ops = tf.context.tf();
          assign(tf, dense.kernel(), ops.math.mul(dense.kernel(), ops.constant(7f)));
          assign(tf, dense.bias(), ops.math.mul(dense.bias(), ops.constant(7f)));
        }
        float[] after = tf.run(mha.selfAttention(cs, x, null));
        if (qkNorm != MultiHeadConfig.QkNorm.NONE) {
          // LayerNorm(7 q) = LayerNorm(q) up to its epsilon, and 7 q / |7 q| = q / |q|
          assertArrayEquals(before, after, 2e-4f);
        } else {
          boolean changed = false;
          for (int i = 0; i < before.length; i++) {
            changed |= Math.abs(before[i] - after[i]) > 1e-3;
          }
          assertTrue(changed, "without QK-norm the scale must matter (a sanity check)");
        }
      }
    }
  }

  @Test
  void biasFreeBlocksHaveNoBiases() {
    try (Tf tf = new Tf()) {
      MultiHeadAttention mha =
          block("mha", new MultiHeadConfig(2, MultiHeadConfig.QkNorm.NONE, false));
      mha.build(tf.context.params());
      for (String name : new String[] {"query", "key", "value", "output"}) {
        assertNull(mha.projection(name).bias(), name);
      }
      assertEquals(2L * D * D + 2L * D * 2 * DH, mha.parameterCount());
    }
  }

  @Test
  void kvHeadsMustDivideHeads() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> block("mha", new MultiHeadConfig(3, MultiHeadConfig.QkNorm.NONE, true)));
    assertTrue(e.getMessage().contains("kv_heads=3 must divide heads=4"), e.getMessage());
  }
}
