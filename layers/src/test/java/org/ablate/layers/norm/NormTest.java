package org.ablate.layers.norm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.ablate.core.graph.CallScope;
import org.ablate.core.testing.Tf;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

class NormTest {
  private static final float[][][] X = {{{1, 2, 3, 10}, {-4, 0, 4, 8}}};

  @Test
  void layerNormGivesMeanZeroAndVarianceOne() {
    try (Tf tf = new Tf()) {
      Norm norm = new LayerNorm("norm", 4);
      norm.build(tf.context.params());
      float[] y = tf.run(norm.call(tf.context.call("c", false), tf.input(X)));
      for (int row = 0; row < 2; row++) {
        double mean = 0;
        double sq = 0;
        for (int j = 0; j < 4; j++) {
          mean += y[row * 4 + j] / 4.0;
          sq += y[row * 4 + j] * y[row * 4 + j] / 4.0;
        }
        assertEquals(0, mean, 1e-6);
        assertEquals(1, sq - mean * mean, 1e-4);
      }
      // by hand for row 0: mean 4, variance (9 + 4 + 1 + 36) / 4 = 12.5
      assertEquals((1 - 4) / Math.sqrt(12.5 + LayerNorm.EPSILON), y[0], 1e-5);
    }
  }

  @Test
  void rmsNormGivesUnitRootMeanSquare() {
    try (Tf tf = new Tf()) {
      Norm norm = new RmsNorm("norm", 4);
      norm.build(tf.context.params());
      float[] y = tf.run(norm.call(tf.context.call("c", false), tf.input(X)));
      double ms = 0;
      for (int j = 0; j < 4; j++) {
        ms += y[j] * y[j] / 4.0;
      }
      assertEquals(1, ms, 1e-4);
    }
  }

  @Test
  void postAndPrePlacementFollowTheirFormulas() {
    try (Tf tf = new Tf()) {
      SublayerConnection post =
          new SublayerConnection("post", new LayerNorm("norm", 4), NormPlacement.POST, 0.0, true);
      SublayerConnection pre =
          new SublayerConnection("pre", new LayerNorm("norm", 4), NormPlacement.PRE, 0.0, true);
      SublayerConnection bare =
          new SublayerConnection("bare", new LayerNorm("norm", 4), NormPlacement.POST, 0.0, false);
      SublayerConnection sandwich =
          new SublayerConnection(
              "sandwich",
              new LayerNorm("norm", 4),
              new LayerNorm("output_norm", 4),
              NormPlacement.SANDWICH,
              0.0,
              0.0,
              true,
              1.0);
      Norm reference = new LayerNorm("reference", 4);
      for (var l : new org.ablate.core.graph.Layer[] {post, pre, bare, sandwich, reference}) {
        l.build(tf.context.params());
      }
      CallScope cs = tf.context.call("c", false);
      Operand<TFloat32> x = tf.input(X);
      // F(h) = 2h
      float[] yPost = tf.run(post.call(cs, x, h -> cs.tf().math.mul(h, cs.tf().constant(2f))));
      float[] yPre = tf.run(pre.call(cs, x, h -> cs.tf().math.mul(h, cs.tf().constant(2f))));
      float[] yBare = tf.run(bare.call(cs, x, h -> cs.tf().math.mul(h, cs.tf().constant(2f))));
      float[] ySandwich =
          tf.run(sandwich.call(cs, x, h -> cs.tf().math.mul(h, cs.tf().constant(2f))));
      // Post: LN(x + 2x) = LN(3x) = LN(x) (scale-invariant, up to epsilon). Pre: x + 2 LN(x).
      float[] ln = tf.run(reference.call(cs, x));
      for (int i = 0; i < ln.length; i++) {
        assertEquals(ln[i], yPost[i], 1e-3);
        assertEquals(X[0][i / 4][i % 4] + 2 * ln[i], yPre[i], 1e-4);
        assertEquals(ln[i], yBare[i], 1e-3);
        // Sandwich: x + LN_out(2 LN_in(x)) = x + LN(LN(x)) = x + LN(x), up to epsilon
        assertEquals(X[0][i / 4][i % 4] + ln[i], ySandwich[i], 1e-3);
      }
    }
  }

  @Test
  void removingTheResidualChangesThePreNormOutput() {
    try (Tf tf = new Tf()) {
      SublayerConnection with =
          new SublayerConnection("with", new LayerNorm("norm", 4), NormPlacement.PRE, 0.0, true);
      SublayerConnection without =
          new SublayerConnection(
              "without", new LayerNorm("norm", 4), NormPlacement.PRE, 0.0, false);
      with.build(tf.context.params());
      without.build(tf.context.params());
      CallScope cs = tf.context.call("c", false);
      Operand<TFloat32> x = tf.input(X);
      float[] a = tf.run(with.call(cs, x, h -> h));
      float[] b = tf.run(without.call(cs, x, h -> h));
      float[] diff = new float[a.length];
      for (int i = 0; i < a.length; i++) {
        diff[i] = a[i] - b[i];
      }
      assertArrayEquals(new float[] {1, 2, 3, 10, -4, 0, 4, 8}, diff, 1e-5f);
    }
  }

  @Test
  void dropPathSkipsTheWholeSublayerOfSomeExamplesInTrainingOnly() {
    try (Tf tf = new Tf()) {
      SublayerConnection c =
          new SublayerConnection("dp", new LayerNorm("norm", 4), NormPlacement.PRE, 0.0, 0.5, true);
      c.build(tf.context.params());
      float[][][] x = new float[64][2][4];
      for (int b = 0; b < 64; b++) {
        for (int i = 0; i < 8; i++) {
          x[b][i / 4][i % 4] = b + i;
        }
      }
      Operand<TFloat32> in = tf.input(x);
      // F = ones: a kept example gets x + 1/(1-0.5) = x + 2, a skipped one x.
      CallScope train = tf.context.call("train", true);
      CallScope eval = tf.context.call("eval", false);
      tf.refeed(tf.context.stepSeed(), TInt64.vectorOf(tf.context.stepSeedValue(1)));
      float[] y = tf.run(c.call(train, in, ones(train)));
      float[] yEval = tf.run(c.call(eval, in, ones(eval)));
      int skipped = 0;
      for (int b = 0; b < 64; b++) {
        float added = y[b * 8] - x[b][0][0];
        assertTrue(added == 0f || Math.abs(added - 2f) < 1e-5, "example " + b + " added " + added);
        skipped += added == 0f ? 1 : 0;
        for (int i = 0; i < 8; i++) {
          assertEquals(x[b][i / 4][i % 4] + added, y[b * 8 + i], 1e-5);
          assertEquals(x[b][i / 4][i % 4] + 1f, yEval[b * 8 + i], 1e-5);
        }
      }
      assertTrue(skipped > 12 && skipped < 52, "skipped " + skipped + " of 64 at rate 0.5");
    }
  }

  /** The sublayer F(h) = 1 everywhere. */
  private static UnaryOperator<Operand<TFloat32>> ones(CallScope cs) {
    return h -> cs.tf().math.add(cs.tf().math.mul(h, cs.tf().constant(0f)), cs.tf().constant(1f));
  }

  @Test
  void onlySandwichConnectionsTakeAnOutputNorm() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SublayerConnection(
                "s", new LayerNorm("n", 4), null, NormPlacement.SANDWICH, 0.0, 0.0, true, 1.0));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SublayerConnection(
                "p",
                new LayerNorm("n", 4),
                new LayerNorm("o", 4),
                NormPlacement.PRE,
                0.0,
                0.0,
                true,
                1.0));
  }

  @Test
  void deepNormScalesTheResidualBeforeAPostNorm() {
    try (Tf tf = new Tf()) {
      SublayerConnection deep =
          new SublayerConnection(
              "deep", new LayerNorm("norm", 4), null, NormPlacement.DEEP, 0.0, 0.0, true, 2.5);
      Norm reference = new LayerNorm("reference", 4);
      deep.build(tf.context.params());
      reference.build(tf.context.params());
      CallScope cs = tf.context.call("c", false);
      Operand<TFloat32> x = tf.input(X);
      // F(h) = h * h, so that neither LayerNorm's scale nor its shift invariance hides alpha
      float[] y = tf.run(deep.call(cs, x, h -> cs.tf().math.mul(h, h)));
      float[] expected =
          tf.run(
              reference.call(
                  cs,
                  cs.tf()
                      .math
                      .add(cs.tf().math.mul(x, cs.tf().constant(2.5f)), cs.tf().math.mul(x, x))));
      assertArrayEquals(expected, y, 1e-5f);
      assertThrows(
          IllegalArgumentException.class,
          () ->
              new SublayerConnection(
                  "pre", new LayerNorm("n", 4), null, NormPlacement.PRE, 0.0, 0.0, true, 2.5));
    }
  }
}
