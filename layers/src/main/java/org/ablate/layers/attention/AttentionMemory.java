package org.ablate.layers.attention;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Keys and values prepared once for many queries (for example, one encoder output attended by every
 * decoder step): {@code keys} may already be projected by the score function.
 *
 * @param keys {@code [..., Tk, Dk']} keys as the score function needs them
 * @param values {@code [..., Tk, Dv]}
 * @param mask broadcastable to {@code [..., Tq, Tk]}, 1 keep / 0 block, or null
 * @param bias broadcastable to {@code [..., Tq, Tk]}, added to the scores before the mask and the
 *     softmax (relative positions), or null
 */
public record AttentionMemory(
    Operand<TFloat32> keys,
    Operand<TFloat32> values,
    Operand<TFloat32> mask,
    Operand<TFloat32> bias) {
  /** Keys and values with a mask and no score bias. */
  public AttentionMemory(Operand<TFloat32> keys, Operand<TFloat32> values, Operand<TFloat32> mask) {
    this(keys, values, mask, null);
  }

  /** This memory with {@code bias} added to the scores. */
  public AttentionMemory withBias(Operand<TFloat32> bias) {
    return new AttentionMemory(keys, values, mask, bias);
  }
}
