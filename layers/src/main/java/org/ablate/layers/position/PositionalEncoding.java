package org.ablate.layers.position;

import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Layer;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Adds position information to {@code x [B, T, D]}, returning {@code [B, T, D]}. Positions start at
 * {@code offset} (0 for whole sequences).
 */
public abstract class PositionalEncoding extends Layer {
  protected final PositionSpec spec;

  protected PositionalEncoding(String name, PositionSpec spec) {
    super(name);
    this.spec = spec;
  }

  public abstract Operand<TFloat32> call(CallScope cs, Operand<TFloat32> x);

  /** Rows {@code 0..T-1} of a {@code [maxLength, D]} table, T read from axis 1 of {@code x}. */
  protected static Operand<TFloat32> firstRows(
      Ops tf, Operand<TFloat32> table, Operand<TFloat32> x) {
    Operand<TInt32> t = tf.gather(tf.shape(x), tf.constant(1), tf.constant(0));
    Operand<TInt32> size = tf.stack(java.util.List.of(t, tf.constant(-1)));
    return tf.slice(table, tf.constant(new int[] {0, 0}), size);
  }
}
