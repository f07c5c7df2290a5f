package org.ablate.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.ablate.core.testing.Tf;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

class PrecisionTest {
  private static final float[][] A = {{1.0f, 2.0f, 3.0f}, {0.5f, -1.0f, 0.25f}};
  private static final float[][] B = {{1.0f, 0.0f}, {0.0f, 1.0f}, {1.0f, 1.0f}};
  // A has one value that bfloat16 (8 significant bits) cannot hold exactly: 1 + 2^-10.
  private static final float[][] FINE = {{1.0009765625f, 0.0f, 0.0f}, {0.0f, 0.0f, 0.0f}};

  private static float[] matmul(Precision precision, float[][] a) {
    try (Tf tf = new Tf(7, precision)) {
      Operand<TFloat32> out = tf.context.call("c", false).matmul(tf.input(a), tf.input(B), false);
      assertEquals(TFloat32.class, out.type(), "matmuls return float32 in every precision");
      return tf.run(out);
    }
  }

  @Test
  void bfloat16MatmulMatchesFloat32OnExactlyRepresentableValues() {
    float[] expected = {4.0f, 5.0f, 0.75f, -0.75f};
    assertArrayEquals(expected, matmul(Precision.FLOAT32, A), 0f);
    assertArrayEquals(expected, matmul(Precision.BFLOAT16, A), 0f);
  }

  @Test
  void bfloat16MatmulReallyRoundsItsOperands() {
    float f32 = matmul(Precision.FLOAT32, FINE)[0];
    float bf16 = matmul(Precision.BFLOAT16, FINE)[0];
    assertEquals(1.0009765625f, f32, 0f);
    assertNotEquals(f32, bf16, "the operand is rounded to bfloat16's 8 significant bits");
    assertEquals(1.0f, bf16, 1e-2f);
  }
}
