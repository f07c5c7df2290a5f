package org.ablate.layers.attention;

import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Initializer;
import org.ablate.core.graph.ParamScope;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Locality self-attention (Lee, Lee and Song 2021, "Vision Transformer for Small-Size Datasets"):
 * dot-product scores divided by a learned temperature instead of the fixed sqrt(d_k), and each
 * query's score for its own position masked out, so that attention goes to the other tokens. The
 * temperature is learned as a log-scale {@code log_scale [1]}, initialized to log(1/sqrt(d_k)) so
 * training starts from the Transformer's scaled dot product. Meant for self-attention (query i and
 * key i are the same token).
 */
final class LocalitySelfAttention extends Attention {
  private Variable<TFloat32> logScale;

  LocalitySelfAttention(String name, AttentionSpec spec) {
    super(name, spec);
    requireEqualWidths("locality self-attention", "");
  }

  @Override
  protected void createParams(ParamScope scope) {
    logScale =
        param(
            scope,
            "log_scale",
            new long[] {1},
            Initializer.constant((float) Math.log(1.0 / Math.sqrt(spec.keyDim()))));
  }

  /** Adds the zero-diagonal mask over the keys to the caller's mask (self-attention: Tq = Tk). */
  @Override
  public AttentionMemory prepare(
      CallScope cs, Operand<TFloat32> k, Operand<TFloat32> v, Operand<TFloat32> mask) {
    Ops tf = cs.tf();
    Operand<TInt32> length = Masks.length(tf, k, k.shape().numDimensions() - 2);
    return super.prepare(cs, k, v, Masks.both(tf, mask, Masks.notSelf(tf, length)));
  }

  /** Its mask blocks the query's own position, which a cached step does not know. */
  @Override
  public boolean incremental() {
    return false;
  }

  @Override
  protected Operand<TFloat32> scores(CallScope cs, Operand<TFloat32> q, Operand<TFloat32> keys) {
    Ops tf = cs.tf();
    return cs.batchMatmul(tf.math.mul(q, tf.math.exp(logScale)), keys, true);
  }

  @Override
  public String describe() {
    return "LocalitySelfAttention(d_k=" + spec.keyDim() + ", dropout=" + spec.dropout() + ")";
  }
}
