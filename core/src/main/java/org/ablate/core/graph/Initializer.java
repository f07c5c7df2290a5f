package org.ablate.core.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Produces the initial value of a weight from a seed, with stateless random ops so that the same
 * seed and name always give the same values.
 *
 * <pre>{@code
 * Variable<TFloat32> w = scope.variable("kernel", new long[] {dIn, dOut}, Initializer.glorotUniform());
 * }</pre>
 */
@FunctionalInterface
public interface Initializer {
  Operand<TFloat32> create(Ops tf, long[] shape, long seed);

  static Initializer zeros() {
    return (tf, shape, seed) -> tf.fill(tf.constant(shape), tf.constant(0f));
  }

  static Initializer ones() {
    return constant(1f);
  }

  static Initializer constant(float value) {
    return (tf, shape, seed) -> tf.fill(tf.constant(shape), tf.constant(value));
  }

  /** Uniform on [-limit, limit]. */
  static Initializer uniform(double limit) {
    return (tf, shape, seed) -> {
      Operand<TFloat32> u =
          tf.random.statelessRandomUniform(tf.constant(shape), seedPair(tf, seed), TFloat32.class);
      return tf.math.sub(
          tf.math.mul(u, tf.constant((float) (2 * limit))), tf.constant((float) limit));
    };
  }

  /** Normal with mean 0 and the given standard deviation, truncated at two deviations. */
  static Initializer truncatedNormal(double stddev) {
    return (tf, shape, seed) ->
        tf.math.mul(
            tf.random.statelessTruncatedNormal(
                tf.constant(shape), seedPair(tf, seed), TFloat32.class),
            tf.constant((float) stddev));
  }

  /**
   * Glorot/Xavier uniform: limit sqrt(6 / (fan_in + fan_out)), fans from the last two dimensions
   * times the receptive field (convolution kernels are {@code [kh, kw, in, out]}).
   */
  static Initializer glorotUniform() {
    return (tf, shape, seed) -> {
      long receptive = 1;
      for (int i = 0; i < shape.length - 2; i++) {
        receptive *= shape[i];
      }
      long fanIn = shape.length >= 2 ? shape[shape.length - 2] * receptive : shape[0];
      long fanOut = shape.length >= 2 ? shape[shape.length - 1] * receptive : shape[0];
      return uniform(Math.sqrt(6.0 / (fanIn + fanOut))).create(tf, shape, seed);
    };
  }

  private static Operand<TInt64> seedPair(Ops tf, long seed) {
    return tf.constant(new long[] {seed, seed >>> 17});
  }
}
