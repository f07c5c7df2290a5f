package org.ablate.layers.attention;

import java.util.ArrayList;
import java.util.List;
import org.ablate.core.graph.CallScope;
import org.ablate.layers.dense.Dense;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TFloat32;

/**
 * Stateless head arithmetic of multi-head attention: several projections of one input computed as
 * one matmul and split into heads, and key/value heads shared by groups of query heads. Legend: B
 * batch, T length, D model width, H query heads, G key/value heads, Dh head width.
 */
final class HeadProjections {
  private HeadProjections() {}

  /**
   * {@code x [B, T, D]} through {@code projections} at once, the kernels concatenated ({@code [D,
   * sum]}), then split into {@code heads[i]} heads of {@code headDim} each: {@code [B, heads[i], T,
   * Dh]}. When every projection has the same heads, one transpose of {@code [B, T, n, H, Dh]} does
   * the split.
   */
  static List<Operand<TFloat32>> project(
      CallScope cs, Operand<TFloat32> x, List<Dense> projections, int[] heads, int headDim) {
    Ops tf = cs.tf();
    int n = projections.size();
    List<Operand<TFloat32>> kernels = new ArrayList<>();
    List<Operand<TFloat32>> biases = new ArrayList<>();
    for (Dense d : projections) {
      kernels.add(d.kernel());
      biases.add(d.bias());
    }
    Operand<TFloat32> kernel = n == 1 ? kernels.get(0) : tf.concat(kernels, tf.constant(1));
    Operand<TFloat32> projected =
        biases.get(0) == null
            ? cs.project(x, kernel, false)
            : cs.projectWithBias(
                x,
                kernel,
                n == 1 ? biases.get(0) : tf.concat(biases, tf.constant(0))); // [B, T, sum]
    boolean equal = true;
    for (int h : heads) {
      equal &= h == heads[0];
    }
    List<Operand<TFloat32>> out = new ArrayList<>();
    if (equal) {
      Operand<TFloat32> split =
          tf.reshape(
              projected,
              AttentionOps.shapeWithTail(
                  cs, projected, 2, n, heads[0], headDim)); // [B, T, n, H, Dh]
      Operand<TFloat32> all =
          tf.linalg.transpose(split, tf.constant(new int[] {2, 0, 3, 1, 4})); // [n, B, H, T, Dh]
      tf.unstack(all, (long) n, Unstack.axis(0L)).forEach(out::add);
      return out;
    }
    long[] sizes = new long[n];
    for (int i = 0; i < n; i++) {
      sizes[i] = (long) heads[i] * headDim;
    }
    List<Output<TFloat32>> parts =
        tf.splitV(projected, tf.constant(sizes), tf.constant(-1), (long) n).output();
    for (int i = 0; i < n; i++) {
      out.add(AttentionOps.splitHeads(cs, parts.get(i), heads[i])); // [B, heads[i], T, Dh]
    }
    return out;
  }

  /**
   * {@code x [B, G, T, E]} repeated for {@code heads} query heads, {@code [B, H, T, E]}: query head
   * h reads key/value head h / (H / G), as in the grouped-query attention paper's contiguous
   * groups.
   */
  static Operand<TFloat32> repeat(CallScope cs, Operand<TFloat32> x, int groups, int heads) {
    if (groups == heads) {
      return x;
    }
    int[] group = new int[heads];
    for (int h = 0; h < heads; h++) {
      group[h] = h / (heads / groups);
    }
    Ops tf = cs.tf();
    return tf.gather(x, tf.constant(group), tf.constant(1)); // [B, H, T, E]
  }
}
