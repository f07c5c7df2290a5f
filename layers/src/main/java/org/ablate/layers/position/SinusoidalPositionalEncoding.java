package org.ablate.layers.position;

import org.ablate.core.graph.CallScope;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * x + PE[:T] with the fixed sinusoidal table of {@link PositionalEncodings#sinusoidal}. No weights.
 */
final class SinusoidalPositionalEncoding extends PositionalEncoding {
  SinusoidalPositionalEncoding(String name, PositionSpec spec) {
    super(name, spec);
  }

  @Override
  public Operand<TFloat32> call(CallScope cs, Operand<TFloat32> x, Operand<TInt32> offset) {
    checkBuilt();
    Ops tf = cs.tf();
    Operand<TFloat32> table =
        tf.constant(
            StdArrays.ndCopyOf(PositionalEncodings.sinusoidal(spec.maxLength(), spec.dModel())));
    return tf.math.add(x, rows(tf, table, x, offset));
  }

  @Override
  public String describe() {
    return "SinusoidalPositionalEncoding(max_length=" + spec.maxLength() + ")";
  }
}
