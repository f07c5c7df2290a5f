package org.ablate.experiments.bench;

import org.ablate.core.graph.Precision;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat32;

/**
 * This machine's matmul speed through TensorFlow (oneDNN): n x n by n x n, in float32 or bfloat16.
 */
final class MatmulProbe {
  private MatmulProbe() {}

  static double gflops(int n, Precision precision, int threads) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> ra =
          tf.random.randomUniform(
              tf.constant(new long[] {n, n}), TFloat32.class, RandomUniform.seed(1L));
      Operand<TFloat32> rb =
          tf.random.randomUniform(
              tf.constant(new long[] {n, n}), TFloat32.class, RandomUniform.seed(2L));
      Operand<?> product;
      if (precision == Precision.BFLOAT16) {
        Operand<TBfloat16> a = tf.withName("a").variable(tf.dtypes.cast(ra, TBfloat16.class));
        Operand<TBfloat16> b = tf.withName("b").variable(tf.dtypes.cast(rb, TBfloat16.class));
        product = tf.reduceSum(tf.linalg.matMul(a, b), tf.constant(new int[] {0, 1}));
      } else {
        Operand<TFloat32> a = tf.withName("a").variable(ra);
        Operand<TFloat32> b = tf.withName("b").variable(rb);
        product = tf.reduceSum(tf.linalg.matMul(a, b), tf.constant(new int[] {0, 1}));
      }
      try (Session s = new Session(g, BenchPrecision.withThreads(threads).build())) {
        s.initialize();
        for (int i = 0; i < 3; i++) {
          s.runner().fetch(product).run().close();
        }
        int reps = 10;
        long start = System.nanoTime();
        for (int i = 0; i < reps; i++) {
          s.runner().fetch(product).run().close();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return 2.0 * n * n * n * reps / seconds / 1e9;
      }
    }
  }
}
