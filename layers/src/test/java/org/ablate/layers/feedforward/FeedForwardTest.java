package org.ablate.layers.feedforward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

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
