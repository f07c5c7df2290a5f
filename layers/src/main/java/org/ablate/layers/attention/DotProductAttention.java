package org.ablate.layers.attention;

import org.ablate.core.graph.CallScope;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Luong et al. (2015) "dot" attention: score(q, k) = q . k, unscaled. In a Transformer it is the
 * ablation of the 1/sqrt(d_k) scaling. No weights.
 */
final class DotProductAttention extends Attention {
  DotProductAttention(String name, AttentionSpec spec) {
    super(name, spec);
    requireEqualWidths("dot attention", "; use 'general' or 'additive' attention when they differ");
  }

  @Override
  protected Operand<TFloat32> scores(CallScope cs, Operand<TFloat32> q, Operand<TFloat32> keys) {
    return cs.batchMatmul(q, keys, true);
  }

  @Override
  public String describe() {
    return "DotProductAttention(unscaled, dropout=" + spec.dropout() + ")";
  }
}
