package org.ablate.layers.position;

import org.ablate.core.graph.CallScope;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** The ablation: returns x unchanged, so a Transformer encoder becomes permutation-equivariant. */
final class NoPositionalEncoding extends PositionalEncoding {
  NoPositionalEncoding(String name, PositionSpec spec) {
    super(name, spec);
  }

  @Override
  public Operand<TFloat32> call(CallScope cs, Operand<TFloat32> x, Operand<TInt32> offset) {
    return x;
  }

  @Override
  public String describe() {
    return "NoPositionalEncoding";
  }
}
