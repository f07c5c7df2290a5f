package org.ablate.layers.attention;

import org.ablate.core.graph.CallScope;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Stateless attention math. Legend: B batch, H heads, Tq query length, Tk key length, D model
 * width, Dh = D / H head width.
 */
public final class AttentionOps {
  /** Added to blocked scores; exp(-1e9 - max) is exactly 0 in float32. */
  static final float BLOCKED = -1e9f;

  private AttentionOps() {}

  /**
   * softmax over the last axis of {@code scores [..., Tq, Tk]} where {@code mask} (1 keep, 0 block,
   * broadcastable) is 0 the weight is exactly zero. A null mask blocks nothing.
   */
  public static Operand<TFloat32> maskedSoftmax(
      Ops tf, Operand<TFloat32> scores, Operand<TFloat32> mask) {
    if (mask == null) {
      return tf.nn.softmax(scores);
    }
    Operand<TFloat32> bias = tf.math.mul(tf.math.sub(tf.constant(1f), mask), tf.constant(BLOCKED));
    return tf.nn.softmax(tf.math.add(scores, bias));
  }

  /** {@code [B, T, D] -> [B, H, T, Dh]}. */
  public static Operand<TFloat32> splitHeads(CallScope cs, Operand<TFloat32> x, int heads) {
    Ops tf = cs.tf();
    long d = x.shape().size(2);
    Operand<TFloat32> split = tf.reshape(x, shapeWithTail(cs, x, 2, heads, d / heads));
    return tf.linalg.transpose(split, tf.constant(new int[] {0, 2, 1, 3}));
  }

  /** {@code [B, H, T, Dh] -> [B, T, D]}. */
  public static Operand<TFloat32> mergeHeads(CallScope cs, Operand<TFloat32> x) {
    Ops tf = cs.tf();
    long h = x.shape().size(1);
    long dh = x.shape().size(3);
    Operand<TFloat32> t = tf.linalg.transpose(x, tf.constant(new int[] {0, 2, 1, 3}));
    return tf.reshape(t, shapeWithTail(cs, t, 2, h * dh));
  }

  /** The dynamic shape of the first {@code keep} axes of {@code x} followed by {@code tail}. */
  static Operand<TInt32> shapeWithTail(CallScope cs, Operand<?> x, int keep, long... tail) {
    Ops tf = cs.tf();
    Shape s = x.shape();
    boolean known = true;
    for (int i = 0; i < keep; i++) {
      known &= s.size(i) >= 0;
    }
    int[] tailInts = new int[tail.length];
    for (int i = 0; i < tail.length; i++) {
      tailInts[i] = (int) tail[i];
    }
    if (known) {
      int[] dims = new int[keep + tail.length];
      for (int i = 0; i < keep; i++) {
        dims[i] = (int) s.size(i);
      }
      System.arraycopy(tailInts, 0, dims, keep, tail.length);
      return tf.constant(dims);
    }
    Operand<TInt32> lead =
        tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {keep}));
    return tf.concat(java.util.List.of(lead, tf.constant(tailInts)), tf.constant(0));
  }
}
