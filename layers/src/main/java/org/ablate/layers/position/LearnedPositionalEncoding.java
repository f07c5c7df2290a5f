package org.ablate.layers.position;

import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Initializer;
import org.ablate.core.graph.ParamScope;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * x + P[:T] with a trained table {@code embeddings [max_length, D]} (BERT, ViT), initialized from a
 * truncated normal with standard deviation 0.02.
 */
final class LearnedPositionalEncoding extends PositionalEncoding {
  private Variable<TFloat32> table;

  LearnedPositionalEncoding(String name, PositionSpec spec) {
    super(name, spec);
  }

  @Override
  protected void createParams(ParamScope scope) {
    table =
        param(
            scope,
            "embeddings",
            new long[] {spec.maxLength(), spec.dModel()},
            Initializer.truncatedNormal(0.02));
  }

  @Override
  public Operand<TFloat32> call(CallScope cs, Operand<TFloat32> x, Operand<TInt32> offset) {
    checkBuilt();
    return cs.tf().math.add(x, rows(cs.tf(), table, x, offset));
  }

  @Override
  public String describe() {
    return "LearnedPositionalEncoding(max_length=" + spec.maxLength() + ")";
  }
}
