package org.ablate.layers.norm;

import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Initializer;
import org.ablate.core.graph.ParamScope;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Layer normalization (Ba et al. 2016): y = (x - mean) / sqrt(var + eps) * gamma + beta over the
 * last axis, with the biased variance. Weights {@code gamma [D]} (ones) and {@code beta [D]}
 * (zeros).
 */
final class LayerNorm extends Norm {
  static final float EPSILON = 1e-5f;
  private Variable<TFloat32> gamma;
  private Variable<TFloat32> beta;

  LayerNorm(String name, int dim) {
    super(name, dim);
  }

  @Override
  protected void createParams(ParamScope scope) {
    gamma = param(scope, "gamma", new long[] {dim}, Initializer.ones());
    beta = param(scope, "beta", new long[] {dim}, Initializer.zeros());
  }

  @Override
  public Operand<TFloat32> call(CallScope cs, Operand<TFloat32> x) {
    checkBuilt();
    Ops tf = cs.tf();
    Operand<TInt32> ax = tf.constant(-1);
    Operand<TFloat32> mean = tf.math.mean(x, ax, Mean.keepDims(true));
    Operand<TFloat32> centered = tf.math.sub(x, mean);
    Operand<TFloat32> variance = tf.math.mean(tf.math.square(centered), ax, Mean.keepDims(true));
    Operand<TFloat32> normalized =
        tf.math.mul(centered, tf.math.rsqrt(tf.math.add(variance, tf.constant(EPSILON))));
    return tf.math.add(tf.math.mul(normalized, gamma), beta);
  }

  @Override
  public String describe() {
    return "LayerNorm(" + dim + ")";
  }
}
