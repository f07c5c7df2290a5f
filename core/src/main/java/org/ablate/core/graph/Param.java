package org.ablate.core.graph;

import java.util.Arrays;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A trainable weight: its full name (also its checkpoint key, for example {@code
 * encoder/layer_0/self_attention/query/kernel}), shape and graph variable (null when the layer was
 * built in a {@link ParamScope#counting} scope).
 */
public record Param(String name, long[] shape, Variable<TFloat32> variable) {
  /** The number of elements, or {@link Long#MAX_VALUE} when it does not fit in a long. */
  public long size() {
    long n = 1;
    for (long d : shape) {
      try {
        n = Math.multiplyExact(n, d);
      } catch (ArithmeticException e) {
        return Long.MAX_VALUE;
      }
    }
    return n;
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape);
  }
}
