package org.ablate.layers.recurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.ablate.core.graph.CallScope;
import org.ablate.core.testing.Tf;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

class RecurrentTest {
  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  @Test
  void gruStepMatchesTheEquationsComputedInJava() {
    int in = 3;
    int h = 2;
    try (Tf tf = new Tf(5)) {
      GruCell cell = new GruCell("cell", in, h);
      cell.build(tf.context.params());
      float[] wi = tf.run(cell.inputKernel); // [3, 6]
      float[] wh = tf.run(cell.recurrentKernel); // [2, 6]
      float[] x = {0.5f, -1f, 2f};
      float[] h0 = {0.3f, -0.7f};
      CallScope cs = tf.context.call("c", false);
      Operand<TFloat32> xs = tf.input(new float[][] {x});
      Operand<TFloat32> hs = tf.input(new float[][] {h0});
      float[] got = tf.run(cell.step(cs, cell.inputProjection(cs, xs), List.of(hs)).get(0));
      double[] xi = new double[3 * h];
      double[] hi = new double[3 * h];
      for (int g = 0; g < 3 * h; g++) {
        for (int i = 0; i < in; i++) {
          xi[g] += x[i] * wi[i * 3 * h + g];
        }
        for (int i = 0; i < h; i++) {
          hi[g] += h0[i] * wh[i * 3 * h + g];
        }
      }
      for (int j = 0; j < h; j++) {
        double r = sigmoid(xi[j] + hi[j]);
        double z = sigmoid(xi[h + j] + hi[h + j]);
        double n = Math.tanh(xi[2 * h + j] + r * hi[2 * h + j]);
        assertEquals((1 - z) * n + z * h0[j], got[j], 1e-5);
      }
    }
  }

  @Test
  void lstmStartsWithForgetBiasOne() {
    try (Tf tf = new Tf()) {
      LstmCell cell = new LstmCell("cell", 3, 2);
      cell.build(tf.context.params());
      assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 0}, tf.run(cell.bias));
    }
  }

  @Test
  void paddedStepsLeaveTheStateUnchangedInBothDirections() {
    for (boolean reverse : new boolean[] {false, true}) {
      try (Tf tf = new Tf()) {
        Rnn rnn = new Rnn("rnn", new GruCell("cell", 2, 3), reverse);
        rnn.build(tf.context.params());
        float[][][] padded = {{{1, 2}, {3, 4}, {9, 9}, {9, 9}}};
        float[][][] exact = {{{1, 2}, {3, 4}}};
        CallScope cs = tf.context.call("c", false);
        Rnn.Result a = rnn.call(cs, tf.input(padded), tf.input(new float[][] {{1, 1, 0, 0}}), null);
        Rnn.Result b = rnn.call(cs, tf.input(exact), null, null);
        assertArrayEquals(
            tf.run(b.finalState().get(0)),
            tf.run(a.finalState().get(0)),
            1e-6f,
            "reverse=" + reverse);
        float[] outputs = tf.run(a.outputs());
        assertArrayEquals(
            new float[6],
            java.util.Arrays.copyOfRange(outputs, 6, 12),
            0f,
            "padded outputs are zero");
      }
    }
  }
}
