package org.ablate.layers.position;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ablate.core.graph.CallScope;
import org.ablate.core.testing.Tf;
import org.ablate.layers.testing.LayerContracts;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Rotary positions and ALiBi against their papers' formulas, computed by hand. */
class RelativePositionsTest {
  private static final RotaryConfig PAPER_BASE = new RotaryConfig(10000);

  private static RotaryPositionalEncoding rotary(Tf tf, int dModel, int heads) {
    RotaryPositionalEncoding p =
        new RotaryPositionalEncoding("rotary", new PositionSpec(dModel, 16, heads), PAPER_BASE);
    p.build(tf.context.params());
    return p;
  }

  /** {@code [1, 1, T, Dh]} from rows. */
  private static Operand<TFloat32> heads(Tf tf, float[][] rows) {
    Ops ops = tf.context.tf();
    return ops.expandDims(tf.input(new float[][][] {rows}), ops.constant(1));
  }

  @Test
  void rotaryRotatesEachPairByPositionTimesItsFrequency() {
    try (Tf tf = new Tf()) {
      // Dh = 4: pairs (0, 2) at theta_0 = 1 and (1, 3) at theta_1 = 10000^(-2/4) = 0.01
      RotaryPositionalEncoding p = rotary(tf, 4, 1);
      CallScope cs = tf.context.call("c", false);
      float[] y =
          tf.run(p.rotate(cs, heads(tf, new float[][] {{1, 2, 3, 4}}), cs.tf().constant(5)));
      double a = 5 * 1.0; // position 5
      double b = 5 * 0.01;
      assertArrayEquals(
          new float[] {
            (float) (1 * Math.cos(a) - 3 * Math.sin(a)),
            (float) (2 * Math.cos(b) - 4 * Math.sin(b)),
            (float) (3 * Math.cos(a) + 1 * Math.sin(a)),
            (float) (4 * Math.cos(b) + 2 * Math.sin(b))
          },
          y,
          1e-5f);
      // position 0 is the identity, and a rotation keeps the norm
      float[] y0 =
          tf.run(p.rotate(cs, heads(tf, new float[][] {{1, 2, 3, 4}}), cs.tf().constant(0)));
      assertArrayEquals(new float[] {1, 2, 3, 4}, y0, 1e-6f);
      assertEquals(30, y[0] * y[0] + y[1] * y[1] + y[2] * y[2] + y[3] * y[3], 1e-4);
    }
  }

  @Test
  void rotaryScoresDependOnlyOnTheOffsetBetweenQueryAndKey() {
    float[][] q = LayerContracts.input(1, 1, 8, 1)[0];
    float[][] k = LayerContracts.input(1, 1, 8, 2)[0];
    try (Tf tf = new Tf()) {
      RotaryPositionalEncoding p = rotary(tf, 8, 1);
      CallScope cs = tf.context.call("c", false);
      double reference = Double.NaN;
      for (int shift : new int[] {0, 1, 7, 100, 1000}) {
        // query at 3 + shift, key at 1 + shift: offset 2 every time
        float[] rq = tf.run(p.rotate(cs, heads(tf, q), cs.tf().constant(3 + shift)));
        float[] rk = tf.run(p.rotate(cs, heads(tf, k), cs.tf().constant(1 + shift)));
        double dot = 0;
        for (int i = 0; i < 8; i++) {
          dot += rq[i] * rk[i];
        }
        if (shift == 0) {
          reference = dot;
        } else {
          assertEquals(reference, dot, 1e-3, "q.k changed with the shift " + shift);
        }
      }
      // and it does depend on the offset
      float[] rq = tf.run(p.rotate(cs, heads(tf, q), cs.tf().constant(4)));
      float[] rk = tf.run(p.rotate(cs, heads(tf, k), cs.tf().constant(1)));
      double other = 0;
      for (int i = 0; i < 8; i++) {
        other += rq[i] * rk[i];
      }
      assertTrue(Math.abs(other - reference) > 1e-3, "offsets 2 and 3 gave the same score");
    }
  }

  @Test
  void rotaryRefusesAnOddHeadWidth() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new RotaryPositionalEncoding("r", new PositionSpec(6, 16, 2), PAPER_BASE));
    assertTrue(e.getMessage().contains("must be even"), e.getMessage());
  }

  @Test
  void alibiSlopesForEightHeadsAreThePapers() {
    // Press et al. 2022, section 3: 1/2, 1/4, ..., 1/256 for 8 heads
    assertArrayEquals(
        new double[] {
          1 / 2.0, 1 / 4.0, 1 / 8.0, 1 / 16.0, 1 / 32.0, 1 / 64.0, 1 / 128.0, 1 / 256.0
        },
        AlibiPositions.slopes(8),
        1e-15);
    // 16 heads: 2^-0.5, 2^-1, ..., 2^-8
    assertEquals(Math.pow(2, -0.5), AlibiPositions.slopes(16)[0], 1e-15);
    assertEquals(Math.pow(2, -8), AlibiPositions.slopes(16)[15], 1e-15);
  }

  @Test
  void alibiSlopesForOtherHeadCountsFollowThePapersCode() {
    // 6 heads: the 4-head slopes, then every other slope of 8 heads
    assertArrayEquals(
        new double[] {1 / 4.0, 1 / 16.0, 1 / 64.0, 1 / 256.0, 1 / 2.0, 1 / 8.0},
        AlibiPositions.slopes(6),
        1e-15);
    assertArrayEquals(new double[] {1 / 256.0}, AlibiPositions.slopes(1), 1e-15);
  }

  @Test
  void alibiBiasIsMinusTheSlopeTimesTheDistance() {
    try (Tf tf = new Tf()) {
      AlibiPositions p = new AlibiPositions("alibi", new PositionSpec(8, 16, 2));
      p.build(tf.context.params());
      CallScope cs = tf.context.call("c", false);
      Ops ops = cs.tf();
      // queries at positions 2 and 3 over keys 0..3; slopes 1/16 and 1/256 for 2 heads
      float[] bias = tf.run(p.scoreBias(cs, ops.constant(2), ops.constant(2), ops.constant(4)));
      float[] expected = new float[16];
      double[] m = {1 / 16.0, 1 / 256.0};
      for (int h = 0; h < 2; h++) {
        for (int i = 0; i < 2; i++) {
          for (int j = 0; j < 4; j++) {
            expected[(h * 2 + i) * 4 + j] = (float) (-m[h] * Math.abs(2 + i - j));
          }
        }
      }
      assertArrayEquals(expected, bias, 1e-7f);
    }
  }

  @Test
  void rotaryAndAlibiAddNothingToTheInput() {
    try (Tf tf = new Tf()) {
      Operand<TFloat32> x = tf.input(LayerContracts.input(1, 3, 8, 4));
      float[] in = tf.run(x);
      CallScope cs = tf.context.call("c", false);
      AlibiPositions alibi = new AlibiPositions("alibi", new PositionSpec(8, 16, 2));
      alibi.build(tf.context.params());
      assertArrayEquals(in, tf.run(rotary(tf, 8, 2).call(cs, x)));
      assertArrayEquals(in, tf.run(alibi.call(cs, x)));
    }
  }

  @Test
  void t5BucketBoundariesFollowTheT5Code() {
    // bidirectional, 32 buckets, max distance 128: keys before the query use buckets 0-15, after
    // 16-31;
    // distances below 8 get one bucket each, then log-spaced buckets up to 128
    int[][] expected = {
      {0, 0},
      {-1, 1},
      {-7, 7},
      {-8, 8},
      {-11, 8},
      {-12, 9},
      {-16, 10},
      {-32, 12},
      {-64, 14},
      {-127, 15},
      {-128, 15},
      {-5000, 15},
      {1, 17},
      {7, 23},
      {8, 24},
      {16, 26},
      {127, 31},
      {100000, 31}
    };
    for (int[] e : expected) {
      assertEquals(e[1], T5RelativeBias.bucket(e[0], 32, 128), "relative position " + e[0]);
    }
  }

  @Test
  void t5BiasIsTheLearnedScalarOfEachHeadAndBucket() {
    try (Tf tf = new Tf()) {
      T5RelativeBias p =
          new T5RelativeBias("t5", new PositionSpec(8, 16, 2), new T5BiasConfig(32, 128));
      p.build(tf.context.params());
      CallScope cs = tf.context.call("c", false);
      Ops ops = cs.tf();
      float[][] table = new float[32][2];
      for (int b = 0; b < 32; b++) {
        table[b][0] = b;
        table[b][1] = -100 * b;
      }
      tf.run(ops.assign(p.table(), ops.constant(table)));
      // query at position 20 over keys 0..30: buckets of 0-20 .. 30-20
      float[] bias = tf.run(p.scoreBias(cs, ops.constant(20), ops.constant(1), ops.constant(31)));
      for (int j = 0; j <= 30; j++) {
        int bucket = T5RelativeBias.bucket(j - 20, 32, 128);
        assertEquals(bucket, bias[j], 0f, "head 0, key " + j);
        assertEquals(-100f * bucket, bias[31 + j], 0f, "head 1, key " + j);
      }
    }
  }

  @Test
  void shawAddsTheQueryTimesTheClippedRelativeKeyOverSqrtDk() {
    try (Tf tf = new Tf()) {
      // one head of width 2, clip 1: a[-1] = (1, 0), a[0] = (0, 1), a[+1] = (1, 1)
      ShawRelativeKeys p =
          new ShawRelativeKeys("shaw", new PositionSpec(2, 16, 1), new ShawConfig(1));
      p.build(tf.context.params());
      CallScope cs = tf.context.call("c", false);
      Ops ops = cs.tf();
      tf.run(ops.assign(p.table(), ops.constant(new float[][] {{1, 0}, {0, 1}, {1, 1}})));
      // query (3, 5) at position 2 over keys 0..4: relative -2 -1 0 1 2 -> clipped -1 -1 0 1 1
      float[] bias =
          tf.run(
              p.queryBias(cs, heads(tf, new float[][] {{3, 5}}), ops.constant(2), ops.constant(5)));
      float s = (float) (1 / Math.sqrt(2));
      assertArrayEquals(new float[] {3 * s, 3 * s, 5 * s, 8 * s, 8 * s}, bias, 1e-6f);
    }
  }
}
