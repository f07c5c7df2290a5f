package org.ablate.training.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ablate.core.testing.Tf;
import org.junit.jupiter.api.Test;
import org.tensorflow.op.Ops;

class LossesTest {
  @Test
  void labelSmoothedCrossEntropyMatchesAHandComputation() {
    // logits [0, ln 2, ln 3] -> p = [1/6, 2/6, 3/6]; target 2; eps 0.3, V 3:
    // q = [0.1, 0.1, 0.8]; loss = -(0.1 ln 1/6 + 0.1 ln 2/6 + 0.8 ln 3/6).
    // A second, padded position must not count.
    try (Tf tf = new Tf()) {
      Ops ops = tf.context.tf();
      var logits =
          tf.input(new float[][][] {{{0, (float) Math.log(2), (float) Math.log(3)}, {5, 0, 0}}});
      var targets = ops.constant(new int[][] {{2, 0}});
      var weights = ops.constant(new float[][] {{1, 0}});
      Losses.Terms t = Losses.crossEntropy(ops, logits, targets, weights, 3, 0.3);
      double expected =
          -(0.1 * Math.log(1 / 6.0) + 0.1 * Math.log(2 / 6.0) + 0.8 * Math.log(3 / 6.0));
      assertEquals(expected, tf.run(t.lossSum())[0], 1e-5);
      assertEquals(1.0, tf.run(t.weight())[0], 0);
      assertEquals(1.0, tf.run(t.correct())[0], 0);
      assertEquals(expected, tf.run(t.mean(ops))[0], 1e-5);
      Losses.Terms plain = Losses.crossEntropy(ops, logits, targets, weights, 3, 0.0);
      assertEquals(-Math.log(0.5), tf.run(plain.lossSum())[0], 1e-5);
    }
  }
}
