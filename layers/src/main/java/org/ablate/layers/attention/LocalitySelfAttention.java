package org.ablate.layers.attention;

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
 * Locality self-attention (Lee, Lee and Song 2021, "Vision Transformer for Small-Size Datasets"):
 * dot-product scores divided by a learned temperature instead of the fixed sqrt(d_k), and each
 * query's score for its own position masked out, so that attention goes to the other tokens. The
 * temperature is learned as a log-scale {@code log_scale [1]}, initialized to log(1/sqrt(d_k)) so
 * training starts from the Transformer's scaled dot product. Meant for self-attention (query i and
 * key i are the same token).
 */
final class LocalitySelfAttention extends Attention {
  private Variable<TFloat32> logScale;

  LocalitySelfAttention(String name, AttentionSpec spec) {
    super(name, spec);
    if (spec.queryDim() != spec.keyDim()) {
      throw new IllegalArgumentException(
          "locality self-attention needs equal query and key widths, got "
              + spec.queryDim()
              + " and "
              + spec.keyDim());
    }
  }

  @Override
  protected void createParams(ParamScope scope) {
    logScale =
        param(
            scope,
            "log_scale",
            new long[] {1},
            Initializer.constant((float) Math.log(1.0 / Math.sqrt(spec.keyDim()))));
  }

  @Override
  protected Operand<TFloat32> scores(CallScope cs, Operand<TFloat32> q, Operand<TFloat32> keys) {
    Ops tf = cs.tf();
    Operand<TFloat32> scaled = tf.math.mul(q, tf.math.exp(logScale));
    Operand<TFloat32> scores = cs.batchMatmul(scaled, keys, true); // [..., Tq, Tk]
    Operand<TInt32> shape = tf.shape(scores);
    int rank = scores.shape().numDimensions();
    Operand<TInt32> tq = tf.gather(shape, tf.constant(rank - 2), tf.constant(0));
    Operand<TInt32> tk = tf.gather(shape, tf.constant(rank - 1), tf.constant(0));
    Operand<TFloat32> ones = tf.fill(tf.stack(List.of(tq, tk)), tf.constant(1f));
    Operand<TFloat32> diagonal = tf.linalg.bandPart(ones, tf.constant(0), tf.constant(0));
    return tf.math.add(scores, tf.math.mul(diagonal, tf.constant(AttentionOps.BLOCKED)));
  }

  @Override
  public String describe() {
    return "LocalitySelfAttention(d_k=" + spec.keyDim() + ", dropout=" + spec.dropout() + ")";
  }
}
