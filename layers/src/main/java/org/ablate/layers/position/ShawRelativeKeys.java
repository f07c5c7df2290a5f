package org.ablate.layers.position;

import java.util.List;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Initializer;
import org.ablate.core.graph.ParamScope;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Relative position representations (Shaw, Uszkoreit and Vaswani 2018, "Self-Attention with
 * Relative Position Representations", eq. 4-5): nothing is added to the input; in every
 * self-attention the score of query i for key j becomes q_i (k_j + a_ij)^T / sqrt(d_k), with a_ij =
 * w[clip(j - i, -k, k)] from a learned table {@code w [2k + 1, Dh]} shared by the heads, as in the
 * paper. The extra term is q_i a_ij^T / sqrt(d_k), a bias that depends on the query.
 *
 * <p>Departures: only the paper's key term a^K is implemented, not its value term a^V; and one
 * table serves every layer (the paper learns one per layer). Legend: B batch, H heads, Tq queries,
 * Tk keys, Dh head width.
 */
final class ShawRelativeKeys extends InAttentionPositions {
  private final ShawConfig config;
  private Variable<TFloat32> table;

  ShawRelativeKeys(String name, PositionSpec spec, ShawConfig config) {
    super(name, spec);
    this.config = config;
  }

  @Override
  protected void createParams(ParamScope scope) {
    table =
        param(
            scope,
            "relative_keys",
            new long[] {2L * config.clip() + 1, spec.headDim()},
            Initializer.truncatedNormal(0.02));
  }

  @Override
  public Operand<TFloat32> queryBias(
      CallScope cs, Operand<TFloat32> q, Operand<TInt32> queryOffset, Operand<TInt32> tk) {
    checkBuilt();
    Ops tf = cs.tf();
    Operand<TInt32> tq = tf.gather(tf.shape(q), tf.constant(2), tf.constant(0));
    Operand<TInt32> index =
        tf.math.add(
            RelativeDistances.keyMinusQuery(tf, queryOffset, tq, tk, config.clip()),
            tf.constant(config.clip())); // [Tq, Tk]
    Operand<TFloat32> a = tf.gather(table, index, tf.constant(0)); // [Tq, Tk, Dh]
    Operand<TFloat32> bias = tf.linalg.einsum(List.of(q, a), "bhqd,qkd->bhqk"); // [B, H, Tq, Tk]
    return tf.math.mul(bias, tf.constant((float) (1 / Math.sqrt(spec.headDim()))));
  }

  Variable<TFloat32> table() {
    return table;
  }

  @Override
  public String describe() {
    return "ShawRelativeKeys(clip=" + config.clip() + ", d_head=" + spec.headDim() + ")";
  }
}
