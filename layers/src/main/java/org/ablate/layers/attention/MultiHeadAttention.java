package org.ablate.layers.attention;

import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Layer;
import org.ablate.layers.dense.Dense;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Multi-head attention (Vaswani et al. 2017, section 3.2.2): MultiHead(Q, K, V) = Concat(head_1..h)
 * W^O with head_i = Attention(Q W_i^Q, K W_i^K, V W_i^V). The per-head projections are stored as
 * one {@code [D, D]} kernel each for queries, keys and values, split into H heads of Dh = D/H.
 *
 * <p>Self-attention: {@code call(cs, x, x, mask)}. Cross-attention: queries from the decoder, keys
 * and values from the encoder: {@code call(cs, y, memory, sourceMask)}.
 *
 * <p>Legend: B batch, Tq query length, Tk key length, D model width, H heads, Dh head width.
 */
public class MultiHeadAttention extends Layer {
  protected final MultiHeadSpec spec;
  private final Dense query;
  private final Dense key;
  private final Dense value;
  private final Dense output;
  private final Attention attention;

  public MultiHeadAttention(String name, MultiHeadSpec spec, Attention attention) {
    super(name);
    this.spec = spec;
    int d = spec.dModel();
    this.query = add(new Dense("query", d, d));
    this.key = add(new Dense("key", d, d));
    this.value = add(new Dense("value", d, d));
    this.attention = add(attention);
    this.output = add(new Dense("output", d, d));
  }

  /**
   * {@code x [B, Tq, D]} attends over {@code memory [B, Tk, D]}; {@code mask} broadcastable to
   * {@code [B, Tq, Tk]} (1 keep, 0 block) or null. Returns {@code [B, Tq, D]}.
   */
  public Operand<TFloat32> call(
      CallScope cs, Operand<TFloat32> x, Operand<TFloat32> memory, Operand<TFloat32> mask) {
    return attend(cs, x, prepare(cs, memory, mask));
  }

  /**
   * Projects and splits the keys and values of {@code memory [B, Tk, D]} once, for many queries.
   */
  public AttentionMemory prepare(CallScope cs, Operand<TFloat32> memory, Operand<TFloat32> mask) {
    checkBuilt();
    Ops tf = cs.tf();
    Operand<TFloat32> k =
        AttentionOps.splitHeads(cs, key.call(cs, memory), spec.heads()); // [B, H, Tk, Dh]
    Operand<TFloat32> v =
        AttentionOps.splitHeads(cs, value.call(cs, memory), spec.heads()); // [B, H, Tk, Dh]
    Operand<TFloat32> mask4 =
        mask == null ? null : tf.expandDims(mask, tf.constant(1)); // [B, 1, Tq, Tk]
    return attention.prepare(cs, k, v, mask4);
  }

  /** {@code x [B, Tq, D]} attends over prepared memory; returns {@code [B, Tq, D]}. */
  public Operand<TFloat32> attend(CallScope cs, Operand<TFloat32> x, AttentionMemory memory) {
    checkBuilt();
    Operand<TFloat32> q =
        AttentionOps.splitHeads(cs, query.call(cs, x), spec.heads()); // [B, H, Tq, Dh]
    Operand<TFloat32> context = attention.attend(cs, q, memory); // [B, H, Tq, Dh]
    return output.call(cs, AttentionOps.mergeHeads(cs, context)); // [B, Tq, D]
  }

  /** The attention weights {@code [B, H, Tq, Tk]}, for inspection and tests. */
  public Operand<TFloat32> weights(
      CallScope cs, Operand<TFloat32> x, Operand<TFloat32> memory, Operand<TFloat32> mask) {
    Operand<TFloat32> q = AttentionOps.splitHeads(cs, query.call(cs, x), spec.heads());
    return attention.weights(cs, q, prepare(cs, memory, mask));
  }

  public MultiHeadSpec spec() {
    return spec;
  }

  @Override
  public String describe() {
    return "MultiHeadAttention(d_model="
        + spec.dModel()
        + ", heads="
        + spec.heads()
        + ", d_head="
        + spec.headDim()
        + ")";
  }
}
