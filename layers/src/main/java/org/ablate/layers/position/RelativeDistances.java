package org.ablate.layers.position;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;

/** Relative positions between queries and keys, for position biases. */
final class RelativeDistances {
  private RelativeDistances() {}

  /**
   * {@code [Tq, Tk]}: key position j minus query position i, for queries at {@code queryOffset ..
   * queryOffset + tq - 1} and keys at {@code 0 .. tk - 1}.
   */
  static Operand<TInt32> keyMinusQuery(
      Ops tf, Operand<TInt32> queryOffset, Operand<TInt32> tq, Operand<TInt32> tk) {
    Operand<TInt32> queries =
        tf.range(queryOffset, tf.math.add(queryOffset, tq), tf.constant(1)); // [Tq]
    Operand<TInt32> keys = tf.range(tf.constant(0), tk, tf.constant(1)); // [Tk]
    return tf.math.sub(
        tf.expandDims(keys, tf.constant(0)), tf.expandDims(queries, tf.constant(1))); // [Tq, Tk]
  }

  /** {@link #keyMinusQuery} clipped to {@code [-clip, clip]}. */
  static Operand<TInt32> keyMinusQuery(
      Ops tf, Operand<TInt32> queryOffset, Operand<TInt32> tq, Operand<TInt32> tk, int clip) {
    Operand<TInt32> relative = keyMinusQuery(tf, queryOffset, tq, tk);
    return tf.math.minimum(tf.math.maximum(relative, tf.constant(-clip)), tf.constant(clip));
  }
}
