package org.ablate.training.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.nn.Conv2d;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Training FLOPs counted from graphs whose products are worked out by hand: 2 M N K per product,
 * three passes, dimensions unknown to the graph read from the batch fed.
 */
class TrainingFlopsTest {
  /** The count for a graph whose placeholder {@code x} is fed zeros of {@code shape}. */
  private static long count(
      Graph g, Ops tf, Placeholder<TFloat32> x, Operand<TFloat32> loss, long... shape) {
    Operand<TInt64> flops = TrainingFlops.of(tf.withSubScope("flops"), loss);
    try (Session s = new Session(g);
        TFloat32 value = TFloat32.tensorOf(Shape.of(shape));
        Result r = s.runner().feed(x, value).fetch(flops).run()) {
      return ((TInt64) r.get(0)).getLong();
    }
  }

  private static Placeholder<TFloat32> input(Ops tf, long... shape) {
    return tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
  }

  @Test
  void matmulsCountTwoMnkWithTheBatchReadAtRunTime() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = input(tf, -1, 3);
      Operand<TFloat32> w = tf.zeros(tf.constant(new long[] {3, 4}), TFloat32.class);
      Operand<TFloat32> y = tf.linalg.matMul(x, w); // [B, 4]: 2 B 4 3
      Operand<TFloat32> gram =
          tf.linalg.matMul(x, x, MatMul.transposeA(true)); // [3, 3], K = B: 2 3 3 B
      Operand<TFloat32> unused = tf.linalg.matMul(w, w, MatMul.transposeB(true)); // not in the loss
      Operand<TFloat32> loss =
          tf.math.add(
              tf.sum(y, tf.constant(new int[] {0, 1})),
              tf.sum(gram, tf.constant(new int[] {0, 1})));
      assertEquals(2, TrainingFlops.countedOps(loss));
      assertEquals(3 * (2 * 5 * 4 * 3 + 2 * 3 * 3 * 5), count(g, tf, x, loss, 5, 3));
    }
  }

  @Test
  void batchedMatmulsBroadcastAndEinsumCountEveryLetterOnce() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> q = input(tf, -1, 2, 4, 8); // [B, H, T, D]
      Operand<TFloat32> k = tf.zeros(tf.constant(new long[] {2, 6, 8}), TFloat32.class);
      // [B, 2, 4, 8] x [2, 6, 8]^T -> [B, 2, 4, 6], K 8
      Operand<TFloat32> scores =
          tf.train.batchMatMul(
              q, k, TFloat32.class, org.tensorflow.op.train.BatchMatMul.adjY(true));
      Operand<TFloat32> a = tf.zeros(tf.constant(new long[] {4, 5, 8}), TFloat32.class);
      Operand<TFloat32> rel = tf.linalg.einsum(List.of(q, a), "bhqd,qkd->bhqk"); // b h q k d
      Operand<TFloat32> loss =
          tf.math.add(
              tf.sum(scores, tf.constant(new int[] {0, 1, 2, 3})),
              tf.sum(rel, tf.constant(new int[] {0, 1, 2, 3})));
      long b = 3;
      assertEquals(
          3 * (2 * b * 2 * 4 * 6 * 8 + 2 * b * 2 * 4 * 5 * 8), count(g, tf, q, loss, b, 2, 4, 8));
    }
  }

  @Test
  void convolutionsCountEachOutputPixelsKernelProduct() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> images = input(tf, -1, 6, 6, 1);
      Operand<TFloat32> filter = tf.zeros(tf.constant(new long[] {3, 3, 1, 2}), TFloat32.class);
      Operand<TFloat32> same = tf.nn.conv2d(images, filter, List.of(1L, 1L, 1L, 1L), "SAME"); // 6x6
      Operand<TFloat32> valid =
          tf.nn.conv2d(
              images, filter, List.of(1L, 2L, 2L, 1L), "VALID", Conv2d.dataFormat("NHWC")); // 2x2
      Operand<TFloat32> loss =
          tf.math.add(
              tf.sum(same, tf.constant(new int[] {0, 1, 2, 3})),
              tf.sum(valid, tf.constant(new int[] {0, 1, 2, 3})));
      long b = 4;
      assertEquals(
          3 * (2 * b * 6 * 6 * 2 * 9 + 2 * b * 2 * 2 * 2 * 9),
          count(g, tf, images, loss, b, 6, 6, 1));
    }
  }

  @Test
  void gradientsAreNotCountedTwiceAndStaticGraphsFoldToAConstant() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = input(tf, 2, 3);
      Operand<TFloat32> w = tf.zeros(tf.constant(new long[] {3, 4}), TFloat32.class);
      Operand<TFloat32> loss = tf.sum(tf.linalg.matMul(x, w), tf.constant(new int[] {0, 1}));
      tf.gradients(loss, List.of(x)); // adds two matmuls that the loss does not depend on
      assertEquals(1, TrainingFlops.countedOps(loss));
      Operand<TInt64> flops = TrainingFlops.of(tf, loss);
      assertEquals("Const", flops.op().type());
      try (Session s = new Session(g);
          Result r = s.runner().fetch(flops).run()) {
        assertEquals(3 * 2 * 2 * 4 * 3, ((TInt64) r.get(0)).getLong());
      }
    }
  }
}
