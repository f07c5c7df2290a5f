package org.ablate.layers.attention;

import java.util.List;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Initializer;
import org.ablate.core.graph.ParamScope;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Bahdanau et al. (2015) additive attention: score(q, k) = v^T tanh(W_q q + W_k k). Weights: {@code
 * query_kernel [Dq, A]}, {@code key_kernel [Dk, A]}, {@code v [A, 1]} with A = Dq units. The key
 * projection is computed once per memory.
 */
final class AdditiveAttention extends Attention {
  private Variable<TFloat32> wq;
  private Variable<TFloat32> wk;
  private Variable<TFloat32> v;

  AdditiveAttention(String name, AttentionSpec spec) {
    super(name, spec);
  }

  private int units() {
    return spec.queryDim();
  }

  @Override
  protected void createParams(ParamScope scope) {
    wq =
        param(
            scope,
            "query_kernel",
            new long[] {spec.queryDim(), units()},
            Initializer.glorotUniform());
    wk =
        param(
            scope, "key_kernel", new long[] {spec.keyDim(), units()}, Initializer.glorotUniform());
    v = param(scope, "v", new long[] {units(), 1}, Initializer.glorotUniform());
  }

  @Override
  public AttentionMemory prepare(
      CallScope cs, Operand<TFloat32> k, Operand<TFloat32> values, Operand<TFloat32> mask) {
    checkBuilt();
    return new AttentionMemory(cs.project(k, wk, false), values, mask);
  }

  @Override
  protected Operand<TFloat32> scores(CallScope cs, Operand<TFloat32> q, Operand<TFloat32> keys) {
    Ops tf = cs.tf();
    int rank = q.shape().numDimensions();
    Operand<TFloat32> pq =
        tf.expandDims(cs.project(q, wq, false), tf.constant(rank - 1)); // [..., Tq, 1, A]
    Operand<TFloat32> pk = tf.expandDims(keys, tf.constant(rank - 2)); // [..., 1, Tk, A]
    Operand<TFloat32> hidden = tf.math.tanh(tf.math.add(pq, pk)); // [..., Tq, Tk, A]
    Operand<TFloat32> s = cs.project(hidden, v, false); // [..., Tq, Tk, 1]
    return tf.squeeze(s, Squeeze.axis(List.of((long) rank)));
  }

  @Override
  public String describe() {
    return "AdditiveAttention(units=" + units() + ")";
  }
}
