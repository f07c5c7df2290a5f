package org.ablate.training.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ablate.core.graph.Initializer;
import org.ablate.core.graph.Param;
import org.ablate.core.testing.Tf;
import org.ablate.training.config.AdamConfig;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The moving average of the weights follows its formula step by step and swaps in and out. */
class WeightAverageTest {
  @Test
  void decayWarmsUpToItsValue() {
    try (Tf tf = new Tf()) {
      tf.context.params().create("w", new long[] {2}, Initializer.zeros());
      WeightAverage average = new WeightAverage(tf.context, tf.context.parameters(), 0.99);
      assertEquals(2.0 / 11, average.decayAt(1), 1e-12);
      assertEquals(101.0 / 110, average.decayAt(100), 1e-12);
      assertEquals(0.99, average.decayAt(10_000), 1e-12);
      assertThrows(
          IllegalArgumentException.class,
          () -> new WeightAverage(tf.context, tf.context.parameters(), 1.0));
    }
  }

  @Test
  void averagesFollowTheFormulaAndSwapInAndOut() {
    try (Tf tf = new Tf()) {
      Param w =
          tf.context.params().child("layer").create("w", new long[] {3}, Initializer.constant(1f));
      Ops ops = tf.context.tf();
      // loss = sum((w - (2, -1, 5))^2): Adam walks w towards the target, changing every step
      Operand<TFloat32> loss =
          ops.reduceSum(
              ops.math.square(ops.math.sub(w.variable(), ops.constant(new float[] {2, -1, 5}))),
              ops.constant(0));
      Optimizer opt =
          new Optimizer(
              tf.context,
              List.of(w),
              Adam.of(new AdamConfig(0.1, 0.9, 0.999, 1e-8)),
              0,
              false,
              0.9);
      WeightAverage average = opt.average().orElseThrow();
      Optimizer.Update update = opt.minimize(loss);
      double[] expected = new double[3];
      float[] trained = null;
      try (Session session = new Session(tf.graph)) {
        session.initialize();
        for (int step = 1; step <= 40; step++) {
          try (Optimizer.StepInputs in = opt.stepInputs(step, 0.1)) {
            in.feed(session.runner()).addTarget(update.op()).run();
          }
          trained = Tf.values(session, w.variable());
          double d = average.decayAt(step);
          for (int i = 0; i < 3; i++) {
            expected[i] = d * expected[i] + (1 - d) * trained[i];
          }
          float[] got = Tf.values(session, average.averages().get(0));
          for (int i = 0; i < 3; i++) {
            assertEquals(expected[i], got[i], 1e-5, "step " + step + " element " + i);
          }
        }
        // the average lags behind the trained weights (Adam moved every element at every step)
        for (int i = 0; i < 3; i++) {
          assertTrue(Math.abs(expected[i] - trained[i]) > 1e-3, "element " + i);
        }
        average.useAverage(session);
        float[] swapped = Tf.values(session, w.variable());
        for (int i = 0; i < 3; i++) {
          assertEquals(expected[i], swapped[i], 1e-5);
        }
        average.useTrained(session);
        assertArrayEquals(trained, Tf.values(session, w.variable()), "trained weights restored");
      }
    }
  }
}
