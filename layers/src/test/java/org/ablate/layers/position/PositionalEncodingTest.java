package org.ablate.layers.position;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ablate.core.testing.Tf;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

class PositionalEncodingTest {
  @Test
  void sinusoidalValuesMatchThePaperFormulaByHand() {
    float[][] pe = PositionalEncodings.sinusoidal(3, 4);
    // pos 0: sin 0, cos 0, sin 0, cos 0
    assertArrayEquals(new float[] {0, 1, 0, 1}, pe[0], 1e-7f);
    // pos 1: 2i=0 -> angle 1; 2i=2 -> angle 1/10000^(2/4) = 0.01
    assertArrayEquals(
        new float[] {
          (float) Math.sin(1), (float) Math.cos(1), (float) Math.sin(0.01), (float) Math.cos(0.01)
        },
        pe[1],
        1e-7f);
    // pos 2: angles 2 and 0.02
    assertEquals((float) Math.sin(2), pe[2][0], 1e-7f);
    assertEquals((float) Math.cos(0.02), pe[2][3], 1e-7f);
  }

  @Test
  void sinusoidalLayerAddsTheTableRowsOfEachPosition() {
    try (Tf tf = new Tf()) {
      PositionalEncoding p = new SinusoidalPositionalEncoding("positions", new PositionSpec(4, 10));
      p.build(tf.context.params());
      Operand<TFloat32> x = tf.input(new float[][][] {{{1, 1, 1, 1}, {2, 2, 2, 2}}});
      float[] y = tf.run(p.call(tf.context.call("c", false), x));
      float[][] pe = PositionalEncodings.sinusoidal(2, 4);
      for (int j = 0; j < 4; j++) {
        assertEquals(1 + pe[0][j], y[j], 1e-6f);
        assertEquals(2 + pe[1][j], y[4 + j], 1e-6f);
      }
    }
  }

  @Test
  void noneIsTheIdentityAndLearnedHasOneVectorPerPosition() {
    try (Tf tf = new Tf()) {
      PositionalEncoding none = new NoPositionalEncoding("none", new PositionSpec(4, 10));
      PositionalEncoding learned =
          new LearnedPositionalEncoding("learned", new PositionSpec(4, 10));
      none.build(tf.context.params());
      learned.build(tf.context.params());
      Operand<TFloat32> x = tf.input(new float[][][] {{{1, 2, 3, 4}}});
      assertArrayEquals(
          new float[] {1, 2, 3, 4}, tf.run(none.call(tf.context.call("c", false), x)));
      assertEquals(40, learned.parameterCount());
    }
  }
}
