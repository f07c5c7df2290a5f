package org.ablate.layers.position;

import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Layer;
import org.ablate.core.registry.SlotDef;
import org.ablate.layers.attention.RelativePositions;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Adds position information to {@code x [B, T, D]}, returning {@code [B, T, D]}. Positions start at
 * {@code offset} (0 for whole sequences).
 */
public abstract class PositionalEncoding extends Layer {
  /** The {@code positional_encoding} slot, chosen by {@code model.positional_encoding}. */
  public static final SlotDef<Record, PositionSpec, PositionalEncoding> SLOT =
      SlotDef.of("positional_encoding", Record.class, "position information");

  protected final PositionSpec spec;

  protected PositionalEncoding(String name, PositionSpec spec) {
    super(name);
    this.spec = spec;
  }

  /**
   * The part of this encoding that acts inside self-attention (rotary, ALiBi), given to every
   * self-attention block of the model; null (the default) for encodings that only add to the input.
   */
  public RelativePositions relative() {
    return null;
  }

  /** {@code x [B, T, D]} holding positions {@code 0 .. T - 1}. */
  public Operand<TFloat32> call(CallScope cs, Operand<TFloat32> x) {
    return call(cs, x, cs.tf().constant(0));
  }

  /**
   * {@code x [B, T, D]} holding positions {@code offset .. offset + T - 1} of a longer sequence
   * (incremental decoding: one new token at position {@code offset}, a scalar).
   */
  public abstract Operand<TFloat32> call(CallScope cs, Operand<TFloat32> x, Operand<TInt32> offset);

  /**
   * Rows {@code offset .. offset + T - 1} of a {@code [maxLength, D]} table, T read from axis 1 of
   * {@code x}.
   */
  protected static Operand<TFloat32> rows(
      Ops tf, Operand<TFloat32> table, Operand<TFloat32> x, Operand<TInt32> offset) {
    Operand<TInt32> t = tf.gather(tf.shape(x), tf.constant(1), tf.constant(0));
    Operand<TInt32> begin = tf.stack(java.util.List.of(offset, tf.constant(0)));
    return tf.slice(table, begin, tf.stack(java.util.List.of(t, tf.constant(-1))));
  }
}
