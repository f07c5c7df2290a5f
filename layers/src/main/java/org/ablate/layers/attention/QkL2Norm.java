package org.ablate.layers.attention;

import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Initializer;
import org.ablate.core.graph.Layer;
import org.ablate.core.graph.ParamScope;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * QKNorm (Henry et al. 2020, "Query-Key Normalization for Transformers"): every query and key head
 * is L2-normalized over its width, and the scores become g cos(q, k) with one learned scalar g per
 * block, started at a chosen g0 (the paper: log2(L^2 - L) for the 97.5th percentile training length
 * L). Weight {@code scale []}.
 *
 * <p>The block's attention function scales its dot products by 1/sqrt(Dh) itself, so the query is
 * multiplied by g sqrt(Dh): with scaled dot-product attention the scores are exactly g cos(q, k),
 * as in the paper. An attention function without that scaling sees sqrt(Dh) g cos(q, k).
 */
final class QkL2Norm extends Layer {
  /** Added to the squared norm, so that an all-zero head stays zero and finite. */
  static final float EPSILON = 1e-12f;

  private final float initial;
  private final int headDim;
  private Variable<TFloat32> scale;

  QkL2Norm(String name, double initial, int headDim) {
    super(name);
    this.initial = (float) initial;
    this.headDim = headDim;
  }

  @Override
  protected void createParams(ParamScope scope) {
    scale = param(scope, "scale", new long[] {}, Initializer.constant(initial));
  }

  /** Query heads {@code [..., Dh]}: unit length, times g sqrt(Dh). */
  Operand<TFloat32> query(CallScope cs, Operand<TFloat32> q) {
    checkBuilt();
    Ops tf = cs.tf();
    return tf.math.mul(
        unit(tf, q), tf.math.mul(scale, tf.constant((float) Math.sqrt(headDim)))); // [..., Dh]
  }

  /** Key heads {@code [..., Dh]} of unit length. */
  Operand<TFloat32> key(CallScope cs, Operand<TFloat32> k) {
    checkBuilt();
    return unit(cs.tf(), k);
  }

  private static Operand<TFloat32> unit(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> squared =
        tf.reduceSum(tf.math.square(x), tf.constant(-1), ReduceSum.keepDims(true));
    return tf.math.mul(x, tf.math.rsqrt(tf.math.add(squared, tf.constant(EPSILON))));
  }

  @Override
  public String describe() {
    return "QkL2Norm(g0=" + initial + ")";
  }
}
