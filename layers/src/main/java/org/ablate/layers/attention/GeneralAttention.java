package org.ablate.layers.attention;

import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Initializer;
import org.ablate.core.graph.ParamScope;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Luong et al. (2015) "general" (multiplicative) attention: score(q, k) = q W k^T with {@code W
 * [Dq, Dk]}. The keys are projected once per memory: k' = k W^T, so score = q . k'.
 */
final class GeneralAttention extends Attention {
  private Variable<TFloat32> w;

  GeneralAttention(String name, AttentionSpec spec) {
    super(name, spec);
  }

  @Override
  protected void createParams(ParamScope scope) {
    w =
        param(
            scope,
            "kernel",
            new long[] {spec.queryDim(), spec.keyDim()},
            Initializer.glorotUniform());
  }

  @Override
  public AttentionMemory prepare(
      CallScope cs, Operand<TFloat32> k, Operand<TFloat32> v, Operand<TFloat32> mask) {
    checkBuilt();
    return new AttentionMemory(cs.project(k, w, true), v, mask);
  }

  @Override
  protected Operand<TFloat32> scores(CallScope cs, Operand<TFloat32> q, Operand<TFloat32> keys) {
    return cs.batchMatmul(q, keys, true);
  }

  @Override
  public String describe() {
    return "GeneralAttention(" + spec.queryDim() + "x" + spec.keyDim() + ")";
  }
}
