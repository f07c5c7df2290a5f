package org.ablate.core.graph;

import java.util.Arrays;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A trainable weight: its full name (also its checkpoint key, for example {@code
 * encoder/layer_0/self_attention/query/kernel}), shape and graph variable.
 */
public record Param(String name, long[] shape, Variable<TFloat32> variable) {
  public long size() {
    return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape);
  }
}
