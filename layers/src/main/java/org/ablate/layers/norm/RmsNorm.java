package org.ablate.layers.norm;

import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Initializer;
import org.ablate.core.graph.ParamScope;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * RMS normalization (Zhang and Sennrich 2019): y = x / sqrt(mean(x^2) + eps) * gamma; no centering,
 * no bias. Weight {@code gamma [D]}.
 */
final class RmsNorm extends Norm {
  private Variable<TFloat32> gamma;

  RmsNorm(String name, int dim) {
    super(name, dim);
  }

  @Override
  protected void createParams(ParamScope scope) {
    gamma = param(scope, "gamma", new long[] {dim}, Initializer.ones());
  }

  @Override
  public Operand<TFloat32> call(CallScope cs, Operand<TFloat32> x) {
    checkBuilt();
    Ops tf = cs.tf();
    Operand<TFloat32> meanSquare =
        tf.math.mean(tf.math.square(x), tf.constant(-1), Mean.keepDims(true));
    return tf.math.mul(
        tf.math.mul(x, tf.math.rsqrt(tf.math.add(meanSquare, tf.constant(LayerNorm.EPSILON)))),
        gamma);
  }

  @Override
  public String describe() {
    return "RmsNorm(" + dim + ")";
  }
}
