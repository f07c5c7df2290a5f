package org.ablate.layers.attention;

import org.ablate.core.graph.CallScope;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Position information that acts inside self-attention rather than on the input: a rotation of
 * queries and keys (rotary positions), an additive bias on the scores (ALiBi, T5), or a bias that
 * depends on the queries (Shaw et al.'s relative keys). A multi-head block given one applies it to
 * its self-attention, in the full computation and in every cached decoding step, never to
 * cross-attention, whose queries and keys belong to different sequences. Legend: B batch, H heads,
 * T length, Dh head width, Tq queries, Tk keys.
 */
public interface RelativePositions {
  /**
   * Queries or keys {@code x [B, H, T, Dh]} at positions {@code offset .. offset + T - 1} (a
   * scalar), as the scores should see them; the identity unless overridden.
   */
  default Operand<TFloat32> rotate(CallScope cs, Operand<TFloat32> x, Operand<TInt32> offset) {
    return x;
  }

  /**
   * The bias added to the scores of queries at positions {@code queryOffset .. queryOffset + tq -
   * 1} over keys at positions {@code 0 .. tk - 1}, {@code [H, Tq, Tk]}, or null for none. Blocked
   * keys stay blocked: the mask is applied after this bias.
   */
  default Operand<TFloat32> scoreBias(
      CallScope cs, Operand<TInt32> queryOffset, Operand<TInt32> tq, Operand<TInt32> tk) {
    return null;
  }

  /**
   * A bias that depends on the queries {@code q [B, H, Tq, Dh]} (as the scores see them) at
   * positions {@code queryOffset ..}, over keys at positions {@code 0 .. tk - 1}: {@code [B, H, Tq,
   * Tk]}, added to the scores like {@link #scoreBias}; null (the default) for none.
   */
  default Operand<TFloat32> queryBias(
      CallScope cs, Operand<TFloat32> q, Operand<TInt32> queryOffset, Operand<TInt32> tk) {
    return null;
  }
}
