package org.ablate.layers.position;

import java.util.ArrayList;
import java.util.List;
import org.ablate.core.graph.CallScope;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * ALiBi, attention with linear biases (Press, Smith and Lewis 2022, "Train Short, Test Long",
 * arXiv:2108.12409, section 3): nothing is added to the input; in every self-attention, head h adds
 * -m_h (i - j) to the score of query i for key j. The slopes are fixed, a geometric sequence: for H
 * a power of 2, m_h = 2^(-8h/H), h = 1 .. H; otherwise the paper's code's rule, the slopes of the
 * nearest lower power of 2 followed by every other slope of the next power of 2. No weights.
 *
 * <p>Departure: in bidirectional self-attention (encoders) the bias is -m_h |i - j|, a symmetric
 * extension the paper does not define (it studies causal language models); under a causal mask the
 * two are equal. Legend: H heads, Tq queries, Tk keys.
 */
final class AlibiPositions extends InAttentionPositions {
  AlibiPositions(String name, PositionSpec spec) {
    super(name, spec);
  }

  /** The slopes m_1 .. m_H of the paper's code, in double precision. */
  static double[] slopes(int heads) {
    int lower = Integer.highestOneBit(heads);
    List<Double> out = new ArrayList<>();
    for (int h = 1; h <= lower; h++) {
      out.add(Math.pow(2, -8.0 * h / lower));
    }
    if (lower != heads) {
      double[] next = slopes(2 * lower);
      for (int i = 0; out.size() < heads; i += 2) {
        out.add(next[i]);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Override
  public Operand<TFloat32> scoreBias(
      CallScope cs, Operand<TInt32> queryOffset, Operand<TInt32> tq, Operand<TInt32> tk) {
    Ops tf = cs.tf();
    double[] m = slopes(spec.heads());
    float[][][] minusSlopes = new float[m.length][1][1];
    for (int h = 0; h < m.length; h++) {
      minusSlopes[h][0][0] = (float) -m[h];
    }
    Operand<TFloat32> distance =
        tf.math.abs(
            tf.dtypes.cast(
                RelativeDistances.keyMinusQuery(tf, queryOffset, tq, tk),
                TFloat32.class)); // [Tq, Tk]
    return tf.math.mul(tf.constant(minusSlopes), distance); // [H, Tq, Tk]
  }

  @Override
  public String describe() {
    return "AlibiPositions(heads=" + spec.heads() + ")";
  }
}
