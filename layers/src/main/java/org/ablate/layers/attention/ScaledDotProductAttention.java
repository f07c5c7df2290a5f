package org.ablate.layers.attention;

import org.ablate.core.graph.CallScope;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The Transformer's attention (Vaswani et al. 2017, eq. 1): softmax(Q K^T / sqrt(d_k)) V. No
 * weights. Deviation for speed, same value: Q is scaled by 1/sqrt(d_k) before the product.
 */
final class ScaledDotProductAttention extends Attention {
  ScaledDotProductAttention(String name, AttentionSpec spec) {
    super(name, spec);
    requireEqualWidths("dot-product attention", "");
  }

  @Override
  protected Operand<TFloat32> scores(CallScope cs, Operand<TFloat32> q, Operand<TFloat32> keys) {
    float scale = (float) (1.0 / Math.sqrt(spec.keyDim()));
    return cs.batchMatmul(cs.tf().math.mul(q, cs.tf().constant(scale)), keys, true);
  }

  @Override
  public String describe() {
    return "ScaledDotProductAttention(d_k=" + spec.keyDim() + ", dropout=" + spec.dropout() + ")";
  }
}
