package org.ablate.models.transformer;

import org.ablate.models.config.Pooling;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Pooling of encoder outputs {@code [B, L, D] -> [B, D]}. */
public final class EncoderPooling {
  private EncoderPooling() {}

  /**
   * CLS: the vector at position 0 (the class token). MEAN: the mean over positions where {@code
   * keep [B, L]} is 1 (all positions when null).
   */
  public static Operand<TFloat32> pool(
      Ops tf, Pooling pooling, Operand<TFloat32> h, Operand<TFloat32> keep) {
    if (pooling == Pooling.CLS) {
      return tf.gather(h, tf.constant(0), tf.constant(1));
    }
    if (keep == null) {
      return tf.math.mean(h, tf.constant(1));
    }
    Operand<TFloat32> weights = tf.expandDims(keep, tf.constant(-1)); // [B, L, 1]
    Operand<TFloat32> total = tf.reduceSum(tf.math.mul(h, weights), tf.constant(1)); // [B, D]
    Operand<TFloat32> count =
        tf.math.maximum(tf.reduceSum(weights, tf.constant(1)), tf.constant(1f)); // [B, 1]
    return tf.math.div(total, count);
  }
}
