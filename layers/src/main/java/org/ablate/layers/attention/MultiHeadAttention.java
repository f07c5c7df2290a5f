package org.ablate.layers.attention;

import java.util.ArrayList;
import java.util.List;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Layer;
import org.ablate.core.registry.SlotDef;
import org.ablate.layers.dense.Dense;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Multi-head attention (Vaswani et al. 2017, section 3.2.2): MultiHead(Q, K, V) = Concat(head_1..h)
 * W^O with head_i = Attention(Q W_i^Q, K W_i^K, V W_i^V). The per-head projections are stored as
 * one {@code [D, D]} kernel each for queries, keys and values, split into H heads of Dh = D/H.
 *
 * <p>Self-attention: {@link #selfAttention}, which also applies the block's relative positions
 * (rotary, ALiBi) if it has them; {@code call(cs, x, x, mask)} computes the same without them.
 * Cross-attention: queries from the decoder, keys and values from the encoder: {@code call(cs, y,
 * memory, sourceMask)}.
 *
 * <p>Legend: B batch, Tq query length, Tk key length, D model width, H heads, Dh head width.
 */
public class MultiHeadAttention extends Layer {
  /** The {@code multi_head} slot: multi-head blocks, chosen by {@code model.multi_head}. */
  public static final SlotDef<Record, Parts, MultiHeadAttention> SLOT =
      SlotDef.of("multi_head", Record.class, "multi-head attention block");

  /**
   * What a multi-head block is given: its widths, the attention function of every head, and the
   * relative positions of its self-attention (null for none).
   */
  public record Parts(MultiHeadSpec spec, Attention attention, RelativePositions relative) {
    /** Parts without relative positions. */
    public Parts(MultiHeadSpec spec, Attention attention) {
      this(spec, attention, null);
    }
  }

  protected final MultiHeadSpec spec;
  private final Dense query;
  private final Dense key;
  private final Dense value;
  private final Dense output;
  private final Attention attention;
  private final RelativePositions relative;

  public MultiHeadAttention(String name, MultiHeadSpec spec, Attention attention) {
    this(name, spec, attention, null);
  }

  /**
   * A block whose self-attention ({@link #selfAttention}, {@link #selfAttentionStep}) applies
   * {@code relative} positions (rotary, ALiBi); null for none.
   */
  public MultiHeadAttention(
      String name, MultiHeadSpec spec, Attention attention, RelativePositions relative) {
    super(name);
    this.spec = spec;
    this.relative = relative;
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
    List<Operand<TFloat32>> kv =
        fusedProjection(cs, memory, List.of(key, value)); // 2 x [B, H, Tk, Dh]
    return attention.prepare(cs, kv.get(0), kv.get(1), expandMask(cs, mask));
  }

  /**
   * Self-attention, {@code call(cs, x, x, mask)} computed with one fused projection for queries,
   * keys and values (the three kernels concatenated at call time, so the weights are unchanged).
   */
  public Operand<TFloat32> selfAttention(
      CallScope cs, Operand<TFloat32> x, Operand<TFloat32> mask) {
    checkBuilt();
    Ops tf = cs.tf();
    List<Operand<TFloat32>> qkv =
        fusedProjection(cs, x, List.of(query, key, value)); // 3 x [B, H, T, Dh]
    Operand<TInt32> start = tf.constant(0);
    Operand<TFloat32> q = rotate(cs, qkv.get(0), start);
    Operand<TFloat32> k = rotate(cs, qkv.get(1), start);
    AttentionMemory memory = attention.prepare(cs, k, qkv.get(2), expandMask(cs, mask));
    Operand<TInt32> t = length(tf, k);
    Operand<TFloat32> context =
        attention.attend(cs, q, withBias(cs, memory, start, t, t)); // [B, H, T, Dh]
    return output.call(cs, AttentionOps.mergeHeads(cs, context)); // [B, T, D]
  }

  /**
   * One step of incremental self-attention: {@code x [B, 1, D]}, the newest position, attends over
   * the keys and values {@code [B, H, t, Dh]} cached from the t positions before it and over its
   * own. Returns the output {@code [B, 1, D]} and the caches with this position appended ({@code
   * [B, H, t + 1, Dh]}). Equals the last row of {@link #selfAttention} over all t + 1 positions
   * with a causal mask, at the cost of one position instead of t + 1.
   */
  public CachedStep selfAttentionStep(
      CallScope cs, Operand<TFloat32> x, Operand<TFloat32> keys, Operand<TFloat32> values) {
    checkBuilt();
    if (!attention.incremental()) {
      throw new IllegalStateException(attention.describe() + " cannot attend incrementally");
    }
    Ops tf = cs.tf();
    List<Operand<TFloat32>> qkv =
        fusedProjection(cs, x, List.of(query, key, value)); // 3 x [B, H, 1, Dh]
    Operand<TInt32> t = length(tf, keys); // this position; the cache holds rotated keys
    Operand<TFloat32> q = rotate(cs, qkv.get(0), t);
    Operand<TFloat32> k =
        tf.concat(List.of(keys, rotate(cs, qkv.get(1), t)), tf.constant(2)); // [B, H, t+1, Dh]
    Operand<TFloat32> v = tf.concat(List.of(values, qkv.get(2)), tf.constant(2));
    AttentionMemory memory =
        withBias(cs, attention.prepare(cs, k, v, null), t, tf.constant(1), length(tf, k));
    Operand<TFloat32> context = attention.attend(cs, q, memory); // [B, H, 1, Dh]
    return new CachedStep(output.call(cs, AttentionOps.mergeHeads(cs, context)), k, v);
  }

  /** The output of {@link #selfAttentionStep} and the grown key and value caches. */
  public record CachedStep(
      Operand<TFloat32> output, Operand<TFloat32> keys, Operand<TFloat32> values) {}

  /** The length, axis 2, of {@code x [B, H, T, Dh]}, a scalar. */
  private static Operand<TInt32> length(Ops tf, Operand<TFloat32> x) {
    return tf.gather(tf.shape(x), tf.constant(2), tf.constant(0));
  }

  private Operand<TFloat32> rotate(CallScope cs, Operand<TFloat32> x, Operand<TInt32> offset) {
    return relative == null ? x : relative.rotate(cs, x, offset);
  }

  /** {@code memory} with the relative positions' score bias {@code [1, H, Tq, Tk]}, if any. */
  private AttentionMemory withBias(
      CallScope cs,
      AttentionMemory memory,
      Operand<TInt32> queryOffset,
      Operand<TInt32> tq,
      Operand<TInt32> tk) {
    Operand<TFloat32> bias =
        relative == null ? null : relative.scoreBias(cs, queryOffset, tq, tk); // [H, Tq, Tk]
    return bias == null ? memory : memory.withBias(cs.tf().expandDims(bias, cs.tf().constant(0)));
  }

  private static Operand<TFloat32> expandMask(CallScope cs, Operand<TFloat32> mask) {
    return mask == null ? null : cs.tf().expandDims(mask, cs.tf().constant(1)); // [B, 1, Tq, Tk]
  }

  /**
   * {@code x [B, T, D]} through several D x D projections at once: one matmul with the kernels
   * concatenated ({@code [D, n D]}), one transpose to {@code [n, B, H, T, Dh]}, then split.
   */
  private List<Operand<TFloat32>> fusedProjection(
      CallScope cs, Operand<TFloat32> x, List<Dense> projections) {
    Ops tf = cs.tf();
    int n = projections.size();
    List<Operand<TFloat32>> kernels = new ArrayList<>();
    List<Operand<TFloat32>> biases = new ArrayList<>();
    for (Dense d : projections) {
      kernels.add(d.kernel());
      biases.add(d.bias());
    }
    Operand<TFloat32> kernel = tf.concat(kernels, tf.constant(1)); // [D, n D]
    Operand<TFloat32> bias = tf.concat(biases, tf.constant(0)); // [n D]
    Operand<TFloat32> projected = cs.projectWithBias(x, kernel, bias); // [B, T, n D]
    Operand<TFloat32> split =
        tf.reshape(
            projected,
            AttentionOps.shapeWithTail(
                cs, projected, 2, n, spec.heads(), spec.headDim())); // [B, T, n, H, Dh]
    Operand<TFloat32> heads =
        tf.linalg.transpose(split, tf.constant(new int[] {2, 0, 3, 1, 4})); // [n, B, H, T, Dh]
    List<Operand<TFloat32>> out = new ArrayList<>();
    tf.unstack(heads, (long) n, org.tensorflow.op.core.Unstack.axis(0L)).forEach(out::add);
    return out;
  }

  /** {@code x [B, Tq, D]} attends over prepared memory; returns {@code [B, Tq, D]}. */
  public Operand<TFloat32> attend(CallScope cs, Operand<TFloat32> x, AttentionMemory memory) {
    checkBuilt();
    Operand<TFloat32> q =
        AttentionOps.splitHeads(cs, query.call(cs, x), spec.heads()); // [B, H, Tq, Dh]
    Operand<TFloat32> context = attention.attend(cs, q, memory); // [B, H, Tq, Dh]
    return output.call(cs, AttentionOps.mergeHeads(cs, context)); // [B, Tq, D]
  }

  /**
   * The attention weights {@code [B, H, Tq, Tk]} of queries {@code x} over {@code memory}, for
   * inspection and tests; as in cross-attention, without relative positions.
   */
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
        + (relative == null ? "" : ", relative positions in self-attention")
        + ")";
  }
}
