package org.ablate.layers.attention;

import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Layer;
import org.ablate.core.registry.SlotDef;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Attention(Q, K, V) = softmax(score(Q, K) + mask) V, for any score function. Works on inputs of
 * rank 3 ({@code [B, T, D]}) or 4 ({@code [B, H, T, Dh]}); masked keys get exactly zero weight.
 * Dropout on the attention weights is applied in training when configured.
 *
 * <p>Subclasses define the score; those with weights on the keys override {@link #prepare} so that
 * keys are projected once per memory, not once per query step.
 *
 * <pre>{@code
 * Attention a = new ScaledDotProductAttention("attention", new AttentionSpec(64, 64, 0.0));
 * a.build(scope);
 * Operand<TFloat32> context = a.call(cs, q, k, v, Masks.padding(tf, sourceIds, 0));
 * }</pre>
 */
public abstract class Attention extends Layer {
  /** The {@code attention} slot: score functions, chosen by {@code model.attention}. */
  public static final SlotDef<Record, AttentionSpec, Attention> SLOT =
      SlotDef.of("attention", Record.class, "score function of attention");

  protected final AttentionSpec spec;

  protected Attention(String name, AttentionSpec spec) {
    super(name);
    this.spec = spec;
  }

  /** Attends from {@code q [..., Tq, Dq]} over keys {@code k [..., Tk, Dk]}, values {@code v}. */
  public final Operand<TFloat32> call(
      CallScope cs,
      Operand<TFloat32> q,
      Operand<TFloat32> k,
      Operand<TFloat32> v,
      Operand<TFloat32> mask) {
    return attend(cs, q, prepare(cs, k, v, mask));
  }

  /** Prepares keys and values for repeated {@link #attend} calls. */
  public AttentionMemory prepare(
      CallScope cs, Operand<TFloat32> k, Operand<TFloat32> v, Operand<TFloat32> mask) {
    checkBuilt();
    return new AttentionMemory(k, v, mask);
  }

  /**
   * True when one new query may attend over keys cached from earlier steps plus its own
   * (incremental decoding) with no mask; false when the mask depends on where the query sits in the
   * whole sequence.
   */
  public boolean incremental() {
    return true;
  }

  /** {@code q [..., Tq, Dq] -> [..., Tq, Dv]}. */
  public final Operand<TFloat32> attend(CallScope cs, Operand<TFloat32> q, AttentionMemory memory) {
    Operand<TFloat32> weights = cs.dropout(weights(cs, q, memory), spec.dropout());
    return cs.batchMatmul(weights, memory.values(), false);
  }

  /**
   * The attention distribution {@code [..., Tq, Tk]}: the masked softmax of the scores plus the
   * memory's bias, if any (rows sum to 1 over unmasked keys), then {@link #afterSoftmax}.
   */
  public final Operand<TFloat32> weights(
      CallScope cs, Operand<TFloat32> q, AttentionMemory memory) {
    checkBuilt();
    Operand<TFloat32> scores = scores(cs, q, memory.keys());
    if (memory.bias() != null) {
      scores = cs.tf().math.add(scores, memory.bias());
    }
    return afterSoftmax(cs, AttentionOps.maskedSoftmax(cs.tf(), scores, memory.mask()));
  }

  /**
   * Changes the normalized weights {@code [..., Tq, Tk]} before dropout and the product with the
   * values; the identity here. A variant that mixes heads (talking-heads attention) overrides it;
   * it must keep masked keys at weight 0.
   */
  protected Operand<TFloat32> afterSoftmax(CallScope cs, Operand<TFloat32> weights) {
    return weights;
  }

  /** Unnormalized scores {@code [..., Tq, Tk]} from queries and prepared keys. */
  protected abstract Operand<TFloat32> scores(
      CallScope cs, Operand<TFloat32> q, Operand<TFloat32> keys);

  public AttentionSpec spec() {
    return spec;
  }

  /** For scores that take q . k: fails unless queries and keys have the same width. */
  protected final void requireEqualWidths(String kind, String advice) {
    if (spec.queryDim() != spec.keyDim()) {
      throw new IllegalArgumentException(
          kind
              + " needs equal query and key widths, got "
              + spec.queryDim()
              + " and "
              + spec.keyDim()
              + advice);
    }
  }
}
