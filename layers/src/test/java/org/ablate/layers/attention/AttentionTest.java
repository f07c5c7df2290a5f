package org.ablate.layers.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ablate.core.graph.CallScope;
import org.ablate.core.testing.Tf;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class AttentionTest {
  private static Attention scaled(int d) {
    return new ScaledDotProductAttention("attention", new AttentionSpec(d, d, 0.0));
  }

  @Test
  void scaledDotProductMatchesAHandComputation() {
    // q = [1, 0], keys [1, 0] and [0, 1], d_k = 2: scores [1/sqrt2, 0], weights w =
    // softmax(scores),
    // output = w0 * [1, 2] + w1 * [3, 4].
    try (Tf tf = new Tf()) {
      Attention a = scaled(2);
      a.build(tf.context.params());
      Operand<TFloat32> q = tf.input(new float[][][] {{{1, 0}}});
      Operand<TFloat32> k = tf.input(new float[][][] {{{1, 0}, {0, 1}}});
      Operand<TFloat32> v = tf.input(new float[][][] {{{1, 2}, {3, 4}}});
      float[] out = tf.run(a.call(tf.context.call("c", false), q, k, v, null));
      double e = Math.exp(1 / Math.sqrt(2));
      double w0 = e / (e + 1);
      double w1 = 1 / (e + 1);
      assertArrayEquals(new float[] {(float) (w0 + 3 * w1), (float) (2 * w0 + 4 * w1)}, out, 1e-6f);
    }
  }

  @Test
  void unscaledDotProductDropsTheSqrtDk() {
    try (Tf tf = new Tf()) {
      Attention a = new DotProductAttention("attention", new AttentionSpec(2, 2, 0.0));
      a.build(tf.context.params());
      Operand<TFloat32> q = tf.input(new float[][][] {{{1, 0}}});
      Operand<TFloat32> k = tf.input(new float[][][] {{{1, 0}, {0, 1}}});
      CallScope cs = tf.context.call("c", false);
      float[] w = tf.run(a.weights(cs, q, a.prepare(cs, k, k, null)));
      double e = Math.E;
      assertArrayEquals(new float[] {(float) (e / (e + 1)), (float) (1 / (e + 1))}, w, 1e-6f);
    }
  }

  @Test
  void localitySelfAttentionBlocksTheTokenItselfAndStartsAtTheScaledProduct() {
    // Three tokens x0 = [1, 0], x1 = [0, 1], x2 = [1, 1], d_k = 2, temperature sqrt(2) at init.
    // Row 0: itself blocked; scores to x1, x2 are 0 and 1/sqrt2, so weights [0, 1/(1+e), e/(1+e)].
    try (Tf tf = new Tf()) {
      Attention a = new LocalitySelfAttention("attention", new AttentionSpec(2, 2, 0.0));
      a.build(tf.context.params());
      assertEquals(1, a.parameterCount(), "one learned temperature");
      Operand<TFloat32> x = tf.input(new float[][][] {{{1, 0}, {0, 1}, {1, 1}}});
      CallScope cs = tf.context.call("c", false);
      float[] w = tf.run(a.weights(cs, x, a.prepare(cs, x, x, null)));
      double e = Math.exp(1 / Math.sqrt(2));
      assertArrayEquals(
          new float[] {0, (float) (1 / (1 + e)), (float) (e / (1 + e))},
          java.util.Arrays.copyOfRange(w, 0, 3),
          1e-6f);
      for (int i = 0; i < 3; i++) {
        assertEquals(0f, w[i * 3 + i], "token " + i + " attends to itself");
        assertEquals(1f, w[i * 3] + w[i * 3 + 1] + w[i * 3 + 2], 1e-6f);
      }
    }
  }

  @Test
  void paddedKeysGetZeroWeight() {
    try (Tf tf = new Tf()) {
      Attention a = scaled(3);
      a.build(tf.context.params());
      float[][][] keys = {{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {9, 9, 9}}};
      Operand<TFloat32> k = tf.input(keys);
      Operand<TInt32> ids = tf.ids(new int[][] {{5, 6, 0, 0}}, false);
      CallScope cs = tf.context.call("c", false);
      float[] w =
          tf.run(
              a.weights(
                  cs,
                  tf.input(new float[][][] {{{1, 1, 1}}}),
                  a.prepare(cs, k, k, Masks.padding(cs.tf(), ids, 0))));
      assertEquals(0f, w[2]);
      assertEquals(0f, w[3]);
      assertEquals(1f, w[0] + w[1], 1e-6f);
    }
  }

  @Test
  void causalMaskBlocksTheFuture() {
    // Change inputs after position t: outputs at positions <= t must not move.
    float[][][] x1 = new float[1][6][8];
    float[][][] x2 = new float[1][6][8];
    for (int t = 0; t < 6; t++) {
      for (int d = 0; d < 8; d++) {
        x1[0][t][d] = (float) Math.cos(t * 8 + d);
        x2[0][t][d] = t > 2 ? (float) Math.sin(t * 3 + d) * 5 : x1[0][t][d];
      }
    }
    float[] y1 = selfAttend(x1);
    float[] y2 = selfAttend(x2);
    for (int i = 0; i < 3 * 8; i++) {
      assertEquals(y1[i], y2[i], 1e-6f, "output at position " + i / 8 + " saw the future");
    }
    boolean later = false;
    for (int i = 3 * 8; i < 6 * 8; i++) {
      later |= Math.abs(y1[i] - y2[i]) > 1e-4;
    }
    assertTrue(later, "outputs after the change should differ");
  }

  private static float[] selfAttend(float[][][] x) {
    try (Tf tf = new Tf(3)) {
      MultiHeadAttention mha =
          new MultiHeadAttention("mha", new MultiHeadSpec(8, 2, 0.0), scaled(4));
      mha.build(tf.context.params());
      CallScope cs = tf.context.call("c", false);
      Operand<TFloat32> in = tf.input(x);
      return tf.run(mha.call(cs, in, in, Masks.causal(cs.tf(), cs.tf().constant(6))));
    }
  }

  @Test
  void causalMaskIsLowerTriangular() {
    try (Tf tf = new Tf()) {
      float[] m = tf.run(Masks.causal(tf.context.tf(), tf.context.tf().constant(3)));
      assertArrayEquals(new float[] {1, 0, 0, 1, 1, 0, 1, 1, 1}, m);
    }
  }

  @Test
  void rejectsHeadsThatDoNotDivideModelWidth() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new MultiHeadSpec(512, 6, 0.0));
    assertTrue(e.getMessage().contains("heads=6 must divide d_model=512"), e.getMessage());
  }

  @Test
  void multiHeadWeightsSumToOneAndSplitEvenly() {
    try (Tf tf = new Tf()) {
      MultiHeadAttention mha =
          new MultiHeadAttention("mha", new MultiHeadSpec(8, 4, 0.0), scaled(2));
      mha.build(tf.context.params());
      assertEquals(2, mha.spec().headDim());
      Operand<TFloat32> x =
          tf.input(
              new float[][][] {
                {{1, 2, 3, 4, 5, 6, 7, 8}, {8, 7, 6, 5, 4, 3, 2, 1}, {0, 1, 0, 1, 0, 1, 0, 1}}
              });
      Operand<TFloat32> w = mha.weights(tf.context.call("c", false), x, x, null);
      assertArrayEquals(new long[] {1, 4, 3, 3}, tf.shape(w));
      float[] flat = tf.run(w);
      for (int row = 0; row < 12; row++) {
        assertEquals(1f, flat[row * 3] + flat[row * 3 + 1] + flat[row * 3 + 2], 1e-5f);
      }
    }
  }

  @Test
  void crossAttentionTakesQueriesFromTheDecoderAndKeysFromTheEncoder() {
    try (Tf tf = new Tf()) {
      MultiHeadAttention mha =
          new MultiHeadAttention("mha", new MultiHeadSpec(4, 2, 0.0), scaled(2));
      mha.build(tf.context.params());
      Operand<TFloat32> decoder = tf.input(new float[][][] {{{1, 0, 0, 0}, {0, 1, 0, 0}}});
      Operand<TFloat32> encoder =
          tf.input(new float[][][] {{{1, 1, 1, 1}, {2, 0, 2, 0}, {0, 3, 0, 3}}});
      assertArrayEquals(
          new long[] {1, 2, 4},
          tf.shape(mha.call(tf.context.call("c", false), decoder, encoder, null)));
      assertArrayEquals(
          new long[] {1, 2, 2, 3},
          tf.shape(mha.weights(tf.context.call("w", false), decoder, encoder, null)));
    }
  }

  @Test
  void dotAttentionNeedsEqualWidths() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new DotProductAttention("a", new AttentionSpec(4, 8, 0)));
  }

  @Test
  void aCachedStepIsTheLastRowOfCausalSelfAttention() {
    // Incremental decoding: the newest position attending over the keys and values cached from
    // the positions before it equals the last row of causal self-attention over them all.
    int length = 4;
    float[][][] x = new float[2][length][8];
    java.util.Random rng = new java.util.Random(11);
    for (float[][] row : x) {
      for (float[] position : row) {
        for (int d = 0; d < 8; d++) {
          position[d] = (float) rng.nextGaussian();
        }
      }
    }
    try (Tf tf = new Tf(5)) {
      MultiHeadAttention mha =
          new MultiHeadAttention("mha", new MultiHeadSpec(8, 2, 0.0), scaled(4));
      mha.build(tf.context.params());
      CallScope cs = tf.context.call("c", false);
      var ops = cs.tf();
      Operand<TFloat32> all = tf.input(x);
      float[] whole =
          tf.run(mha.selfAttention(cs, all, Masks.causal(ops, ops.constant(length)))); // [2, 4, 8]
      Operand<TFloat32> keys = ops.fill(ops.constant(new int[] {2, 2, 0, 4}), ops.constant(0f));
      Operand<TFloat32> values = keys;
      for (int t = 0; t < length; t++) {
        Operand<TFloat32> position =
            ops.slice(all, ops.constant(new int[] {0, t, 0}), ops.constant(new int[] {-1, 1, -1}));
        MultiHeadAttention.CachedStep step = mha.selfAttentionStep(cs, position, keys, values);
        float[] got = tf.run(step.output()); // [2, 1, 8]
        for (int b = 0; b < 2; b++) {
          for (int d = 0; d < 8; d++) {
            assertEquals(whole[(b * length + t) * 8 + d], got[b * 8 + d], 1e-5, "t " + t);
          }
        }
        keys = step.keys();
        values = step.values();
        assertArrayEquals(new long[] {2, 2, t + 1, 4}, tf.shape(keys));
      }
    }
  }

  @Test
  void localityAttentionRefusesACache() {
    try (Tf tf = new Tf()) {
      MultiHeadAttention mha =
          new MultiHeadAttention(
              "mha",
              new MultiHeadSpec(4, 2, 0.0),
              new LocalitySelfAttention("attention", new AttentionSpec(2, 2, 0.0)));
      mha.build(tf.context.params());
      CallScope cs = tf.context.call("c", false);
      Operand<TFloat32> x = tf.input(new float[][][] {{{1, 0, 0, 0}}});
      Operand<TFloat32> empty =
          cs.tf().fill(cs.tf().constant(new int[] {1, 2, 0, 2}), cs.tf().constant(0f));
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class, () -> mha.selfAttentionStep(cs, x, empty, empty));
      assertTrue(e.getMessage().contains("cannot attend incrementally"), e.getMessage());
    }
  }
}
