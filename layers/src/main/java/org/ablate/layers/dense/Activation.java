package org.ablate.layers.dense;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Element-wise nonlinearities, each written with ops whose gradients TF Java has. */
public enum Activation {
  /** The identity. */
  NONE,
  /** max(0, x), the original Transformer's FFN activation. */
  RELU,
  /** The exact GELU, x * Phi(x) = 0.5 x (1 + erf(x / sqrt 2)) (Hendrycks and Gimpel), as in ViT. */
  GELU,
  TANH,
  SIGMOID,
  /** Swish_1, x * sigmoid(x) (Ramachandran et al. 2017; also called SiLU), as in SwiGLU. */
  SWISH;

  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    return switch (this) {
      case NONE -> x;
      case RELU -> tf.nn.relu(x);
      case GELU ->
          tf.math.mul(
              tf.math.mul(x, tf.constant(0.5f)),
              tf.math.add(
                  tf.constant(1f),
                  tf.math.erf(tf.math.mul(x, tf.constant((float) (1 / Math.sqrt(2)))))));
      case TANH -> tf.math.tanh(x);
      case SIGMOID -> tf.math.sigmoid(x);
      case SWISH -> tf.math.mul(x, tf.math.sigmoid(x));
    };
  }
}
