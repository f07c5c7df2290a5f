package org.ablate.layers.position;

import java.util.List;
import org.ablate.core.graph.CallScope;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Rotary position embedding, RoPE (Su, Lu, Pan, Murtadha, Wen and Liu 2021, "RoFormer",
 * arXiv:2104.09864, section 3.4): nothing is added to the input; in every self-attention, each
 * query and key at position p is rotated pairwise by the angles p theta_i, theta_i = base^(-2i/Dh)
 * for i = 0 .. Dh/2 - 1, so that the score q_m . k_n depends on the positions only through m - n.
 * No weights. In incremental decoding the cache holds the rotated keys, and each new query and key
 * is rotated at its own position (the cache length).
 *
 * <p>Departure from the paper's notation: dimension i is paired with i + Dh/2, not 2i with 2i + 1
 * (the layout of GPT-NeoX and LLaMA's code). The two are the same model up to a fixed permutation
 * of the query and key projection columns. Legend: B batch, H heads, T length, Dh head width.
 */
final class RotaryPositionalEncoding extends InAttentionPositions {
  private final RotaryConfig config;

  RotaryPositionalEncoding(String name, PositionSpec spec, RotaryConfig config) {
    super(name, spec);
    this.config = config;
    if (spec.dModel() % spec.heads() != 0 || spec.headDim() % 2 != 0) {
      throw new IllegalArgumentException(
          "rotary positions rotate pairs of dimensions of each head, so the head width"
              + " d_model / heads must be even, got "
              + spec.dModel()
              + " / "
              + spec.heads()
              + "; choose d_model and heads with an even quotient");
    }
  }

  /** The frequencies theta_i = base^(-2i/Dh), i = 0 .. Dh/2 - 1, in double precision. */
  static double[] frequencies(int headDim, double base) {
    double[] theta = new double[headDim / 2];
    for (int i = 0; i < theta.length; i++) {
      theta[i] = Math.pow(base, -2.0 * i / headDim);
    }
    return theta;
  }

  /** x' = x cos(p theta) + rotate_half(x) sin(p theta), rotate_half([x1, x2]) = [-x2, x1]. */
  @Override
  public Operand<TFloat32> rotate(CallScope cs, Operand<TFloat32> x, Operand<TInt32> offset) {
    Ops tf = cs.tf();
    int half = spec.headDim() / 2;
    double[] theta = frequencies(spec.headDim(), config.base());
    float[][] row = new float[1][half];
    for (int i = 0; i < half; i++) {
      row[0][i] = (float) theta[i];
    }
    Operand<TInt32> t = tf.gather(tf.shape(x), tf.constant(2), tf.constant(0));
    Operand<TFloat32> positions =
        tf.dtypes.cast(
            tf.range(offset, tf.math.add(offset, t), tf.constant(1)), TFloat32.class); // [T]
    Operand<TFloat32> angles =
        tf.math.mul(tf.expandDims(positions, tf.constant(1)), tf.constant(row)); // [T, Dh/2]
    Operand<TFloat32> cos = twice(tf, tf.math.cos(angles)); // [T, Dh]
    Operand<TFloat32> sin = twice(tf, tf.math.sin(angles));
    Operand<TFloat32> x1 = half(tf, x, 0, half); // [B, H, T, Dh/2]
    Operand<TFloat32> x2 = half(tf, x, half, half);
    Operand<TFloat32> rotated = tf.concat(List.of(tf.math.neg(x2), x1), tf.constant(3));
    return tf.math.add(tf.math.mul(x, cos), tf.math.mul(rotated, sin)); // [B, H, T, Dh]
  }

  private static Operand<TFloat32> twice(Ops tf, Operand<TFloat32> a) {
    return tf.concat(List.of(a, a), tf.constant(1));
  }

  private static Operand<TFloat32> half(Ops tf, Operand<TFloat32> x, int from, int width) {
    return tf.slice(
        x, tf.constant(new int[] {0, 0, 0, from}), tf.constant(new int[] {-1, -1, -1, width}));
  }

  @Override
  public String describe() {
    return "RotaryPositionalEncoding(head_dim=" + spec.headDim() + ", base=" + config.base() + ")";
  }
}
