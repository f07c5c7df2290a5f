package org.ablate.layers.position;

import org.ablate.core.graph.CallScope;
import org.ablate.layers.attention.RelativePositions;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A positional encoding that adds nothing to the input and acts inside every self-attention instead
 * (rotary positions, ALiBi): its {@link #relative()} is itself.
 */
public abstract class InAttentionPositions extends PositionalEncoding implements RelativePositions {
  protected InAttentionPositions(String name, PositionSpec spec) {
    super(name, spec);
  }

  @Override
  public final RelativePositions relative() {
    return this;
  }

  /** Returns {@code x} unchanged: these positions act inside self-attention only. */
  @Override
  public final Operand<TFloat32> call(CallScope cs, Operand<TFloat32> x, Operand<TInt32> offset) {
    checkBuilt();
    return x;
  }
}
