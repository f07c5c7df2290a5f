package org.ablate.layers.attention;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Attention masks as float tensors, 1 = may attend, 0 = blocked, broadcastable to the score shape
 * {@code [B, Tq, Tk]}. Built from integer ids and constants only, so no gradient ever reaches them.
 *
 * <p>Legend: B batch, T length, S source length.
 */
public final class Masks {
  private Masks() {}

  /** {@code ids [B, S] -> [B, 1, S]}: 1 where the key is a real token, 0 where it is padding. */
  public static Operand<TFloat32> padding(Ops tf, Operand<TInt32> ids, int padId) {
    Operand<TFloat32> keep = notPad(tf, ids, padId);
    return tf.expandDims(keep, tf.constant(1));
  }

  /** {@code ids [B, S] -> [B, S]}: 1 for real tokens, 0 for padding. */
  public static Operand<TFloat32> notPad(Ops tf, Operand<TInt32> ids, int padId) {
    return tf.dtypes.cast(tf.math.notEqual(ids, tf.constant(padId)), TFloat32.class);
  }

  /**
   * {@code [1, T, T]} lower-triangular ones: position t may attend to positions 0..t only, so the
   * decoder cannot look ahead.
   */
  public static Operand<TFloat32> causal(Ops tf, Operand<TInt32> length) {
    Operand<TFloat32> lower =
        tf.linalg.bandPart(square(tf, length), tf.constant(-1), tf.constant(0));
    return tf.expandDims(lower, tf.constant(0));
  }

  /**
   * {@code [T, T]} ones with a zero diagonal: position t may attend to every position but itself
   * (locality self-attention).
   */
  public static Operand<TFloat32> notSelf(Ops tf, Operand<TInt32> length) {
    Operand<TFloat32> ones = square(tf, length);
    return tf.math.sub(ones, tf.linalg.bandPart(ones, tf.constant(0), tf.constant(0)));
  }

  private static Operand<TFloat32> square(Ops tf, Operand<TInt32> length) {
    return tf.fill(tf.stack(List.of(length, length)), tf.constant(1f));
  }

  /** Length of axis 1 of {@code ids} as a scalar. */
  public static Operand<TInt32> length(Ops tf, Operand<?> ids) {
    return length(tf, ids, 1);
  }

  /** Length of axis {@code axis} (0-based, non-negative) of {@code x} as a scalar. */
  public static Operand<TInt32> length(Ops tf, Operand<?> x, int axis) {
    return tf.gather(tf.shape(x), tf.constant(axis), tf.constant(0));
  }

  /** Both masks (element-wise product, broadcasting). */
  public static Operand<TFloat32> both(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : tf.math.mul(a, b);
  }
}
