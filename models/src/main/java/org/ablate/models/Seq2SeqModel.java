package org.ablate.models;

import java.util.List;
import org.ablate.core.graph.CallScope;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A sequence-to-sequence model: teacher-forced logits for training, and an encode/step pair that a
 * search (greedy or beam) drives one token at a time, for any architecture.
 *
 * <p>Token ids are int32, 0 is padding. Legend: B batch, S source length, T target length, V target
 * vocabulary.
 */
public interface Seq2SeqModel extends Model {
  /** {@code source [B, S]}, {@code targetIn [B, T]} (BOS + target) -> logits {@code [B, T, V]}. */
  Operand<TFloat32> logits(CallScope cs, Operand<TInt32> source, Operand<TInt32> targetIn);

  /** True when source and target lengths must be static (unrolled recurrences). */
  boolean needsStaticLength();

  /**
   * The encoder side of incremental decoding: {@code source [B, S]} -> the memory every step reads
   * and the initial decoder state. All tensors have B as their first dimension.
   */
  Encoded encode(CallScope cs, Operand<TInt32> source);

  /**
   * One decoding step: given the memory and state (same structure as {@link #encode} returns, rows
   * already aligned) and the previous tokens {@code [B]}, the next-token logits {@code [B, V]} and
   * the next state.
   */
  Step step(CallScope cs, List<Operand<?>> memory, List<Operand<?>> state, Operand<TInt32> tokens);

  /** The longest source, end token included, the model reads (its position table, say). */
  default int maxSourceLength() {
    return Integer.MAX_VALUE;
  }

  /** The longest output (tokens before EOS) {@link #step} supports; decoding stops there. */
  default int maxOutputLength() {
    return Integer.MAX_VALUE;
  }

  /** Encoder output for decoding. */
  record Encoded(List<Operand<?>> memory, List<Operand<?>> initialState) {}

  /** Output of one decoding step. */
  record Step(Operand<TFloat32> logits, List<Operand<?>> state) {}
}
