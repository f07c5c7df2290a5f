package org.ablate.layers.attention;

import java.util.List;
import java.util.Locale;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Layer;
import org.ablate.core.registry.SlotDef;
import org.ablate.layers.dense.Activation;
import org.ablate.layers.dense.Dense;
import org.ablate.layers.norm.Norm;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Multi-head attention (Vaswani et al. 2017, section 3.2.2): MultiHead(Q, K, V) = Concat(head_1..h)
 * W^O with head_i = Attention(Q W_i^Q, K W_i^K, V W_i^V). The per-head projections are stored as
 * one kernel each for queries, keys and values, split into H heads of Dh = D/H.
 *
 * <p>Variants ({@link MultiHeadConfig}): G key/value heads shared by groups of H/G query heads
 * (multi-query attention, Shazeer 2019, G = 1; grouped-query attention, Ainslie et al. 2023), whose
 * key and value kernels are {@code [D, G Dh]} and whose cache holds G heads; QK-norm, a LayerNorm
 * over Dh on every query and key (Dehghani et al. 2023) or their L2 normalization with a learned
 * score scale ({@link QkL2Norm}, Henry et al. 2020); and projections without biases.
 *
 * <p>Self-attention: {@link #selfAttention}, which also applies the block's relative positions
 * (rotary, ALiBi) if it has them; {@code call(cs, x, x, mask)} computes the same without them.
 * Cross-attention: queries from the decoder, keys and values from the encoder: {@code call(cs, y,
 * memory, sourceMask)}.
 *
 * <p>Legend: B batch, Tq query length, Tk key length, D model width, H heads, G key/value heads, Dh
 * head width.
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
  private final MultiHeadConfig config;
  private final int kvHeads;
  private final Dense query;
  private final Dense key;
  private final Dense value;
  private final Dense output;
  private final Attention attention;
  private final RelativePositions relative;
  private final Norm queryNorm;
  private final Norm keyNorm;
  private final QkL2Norm cosine;

  public MultiHeadAttention(String name, MultiHeadSpec spec, Attention attention) {
    this(name, spec, attention, null, MultiHeadConfig.STANDARD);
  }

  /**
   * A block whose self-attention ({@link #selfAttention}, {@link #selfAttentionStep}) applies
   * {@code relative} positions (rotary, ALiBi; null for none), with the variants of {@code config}.
   */
  public MultiHeadAttention(
      String name,
      MultiHeadSpec spec,
      Attention attention,
      RelativePositions relative,
      MultiHeadConfig config) {
    super(name);
    this.spec = spec;
    this.config = config;
    this.relative = relative;
    this.kvHeads = config.kvHeadsFor(spec.heads());
    if (kvHeads > spec.heads() || spec.heads() % kvHeads != 0) {
      throw new IllegalArgumentException(
          "kv_heads="
              + kvHeads
              + " must divide heads="
              + spec.heads()
              + " (each key/value head serves an equal group of query heads); use 1 for"
              + " multi-query attention, or a divisor of heads");
    }
    int d = spec.dModel();
    int kv = kvHeads * spec.headDim();
    this.query = add(new Dense("query", d, d, config.bias(), Activation.NONE));
    this.key = add(new Dense("key", d, kv, config.bias(), Activation.NONE));
    this.value = add(new Dense("value", d, kv, config.bias(), Activation.NONE));
    this.attention = add(attention);
    this.output = add(new Dense("output", d, d, config.bias(), Activation.NONE));
    boolean layerNorm = config.qkNorm() == MultiHeadConfig.QkNorm.LAYER_NORM;
    this.queryNorm = layerNorm ? add(Norm.layerNorm("query_norm", spec.headDim())) : null;
    this.keyNorm = layerNorm ? add(Norm.layerNorm("key_norm", spec.headDim())) : null;
    this.cosine =
        config.qkNorm() == MultiHeadConfig.QkNorm.L2
            ? add(new QkL2Norm("qk_norm", config.qkScale(), spec.headDim()))
            : null;
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
   * Projects and splits the keys and values of {@code memory [B, Tk, D]} once, for many queries:
   * {@code [B, G, Tk, Dh]} each.
   */
  public AttentionMemory prepare(CallScope cs, Operand<TFloat32> memory, Operand<TFloat32> mask) {
    checkBuilt();
    List<Operand<TFloat32>> kv = project(cs, memory, List.of(key, value)); // 2 x [B, G, Tk, Dh]
    return attention.prepare(cs, normKeys(cs, kv.get(0)), kv.get(1), expandMask(cs, mask));
  }

  /**
   * Self-attention, {@code call(cs, x, x, mask)} computed with one fused projection for queries,
   * keys and values (the kernels concatenated at call time, so the weights are unchanged), with the
   * block's relative positions at positions {@code 0 .. T - 1}.
   */
  public Operand<TFloat32> selfAttention(
      CallScope cs, Operand<TFloat32> x, Operand<TFloat32> mask) {
    checkBuilt();
    Ops tf = cs.tf();
    List<Operand<TFloat32>> qkv = project(cs, x, List.of(query, key, value));
    Operand<TInt32> start = tf.constant(0);
    Operand<TFloat32> q = rotate(cs, normQueries(cs, qkv.get(0)), start); // [B, H, T, Dh]
    Operand<TFloat32> k = rotate(cs, normKeys(cs, qkv.get(1)), start); // [B, G, T, Dh]
    AttentionMemory memory = attention.prepare(cs, k, qkv.get(2), expandMask(cs, mask));
    Operand<TFloat32> context = attendHeads(cs, q, memory, start); // [B, H, T, Dh]
    return output.call(cs, AttentionOps.mergeHeads(cs, context)); // [B, T, D]
  }

  /**
   * One step of incremental self-attention: {@code x [B, 1, D]}, the newest position, attends over
   * the keys and values {@code [B, G, t, Dh]} cached from the t positions before it and over its
   * own. Returns the output {@code [B, 1, D]} and the caches with this position appended ({@code
   * [B, G, t + 1, Dh]}; the keys normalized and rotated). Equals the last row of {@link
   * #selfAttention} over all t + 1 positions with a causal mask, at the cost of one position
   * instead of t + 1.
   */
  public CachedStep selfAttentionStep(
      CallScope cs, Operand<TFloat32> x, Operand<TFloat32> keys, Operand<TFloat32> values) {
    checkBuilt();
    if (!attention.incremental()) {
      throw new IllegalStateException(attention.describe() + " cannot attend incrementally");
    }
    Ops tf = cs.tf();
    List<Operand<TFloat32>> qkv = project(cs, x, List.of(query, key, value));
    Operand<TInt32> t = length(tf, keys); // this position
    Operand<TFloat32> q = rotate(cs, normQueries(cs, qkv.get(0)), t); // [B, H, 1, Dh]
    Operand<TFloat32> newKey = rotate(cs, normKeys(cs, qkv.get(1)), t); // [B, G, 1, Dh]
    Operand<TFloat32> k = tf.concat(List.of(keys, newKey), tf.constant(2)); // [B, G, t+1, Dh]
    Operand<TFloat32> v = tf.concat(List.of(values, qkv.get(2)), tf.constant(2));
    Operand<TFloat32> context =
        attendHeads(cs, q, attention.prepare(cs, k, v, null), t); // [B, H, 1, Dh]
    return new CachedStep(output.call(cs, AttentionOps.mergeHeads(cs, context)), k, v);
  }

  /** The output of {@link #selfAttentionStep} and the grown key and value caches. */
  public record CachedStep(
      Operand<TFloat32> output, Operand<TFloat32> keys, Operand<TFloat32> values) {}

  /** An empty key or value cache for {@code batch} sequences, {@code [B, G, 0, Dh]}. */
  public Operand<TFloat32> emptyCache(CallScope cs, Operand<TInt32> batch) {
    Ops tf = cs.tf();
    Operand<TInt32> shape =
        tf.stack(
            List.of(
                batch,
                tf.constant(kvHeads),
                tf.constant(0),
                tf.constant(spec.headDim()))); // [B, G, 0, Dh]
    return tf.fill(shape, tf.constant(0f));
  }

  /** {@code x [B, Tq, D]} attends over prepared memory; returns {@code [B, Tq, D]}. */
  public Operand<TFloat32> attend(CallScope cs, Operand<TFloat32> x, AttentionMemory memory) {
    checkBuilt();
    Operand<TFloat32> context =
        attention.attend(cs, queries(cs, x), shared(cs, memory)); // [B, H, Tq, Dh]
    return output.call(cs, AttentionOps.mergeHeads(cs, context)); // [B, Tq, D]
  }

  /**
   * The attention weights {@code [B, H, Tq, Tk]} of queries {@code x} over {@code memory}, for
   * inspection and tests; as in cross-attention, without relative positions.
   */
  public Operand<TFloat32> weights(
      CallScope cs, Operand<TFloat32> x, Operand<TFloat32> memory, Operand<TFloat32> mask) {
    return attention.weights(cs, queries(cs, x), shared(cs, prepare(cs, memory, mask)));
  }

  /**
   * {@code x [B, Tq, D]} projected and split into normalized query heads, {@code [B, H, Tq, Dh]}.
   */
  private Operand<TFloat32> queries(CallScope cs, Operand<TFloat32> x) {
    return normQueries(cs, project(cs, x, List.of(query)).get(0));
  }

  /**
   * Queries {@code [B, H, Tq, Dh]} over self-attention memory, with the relative positions' bias.
   */
  private Operand<TFloat32> attendHeads(
      CallScope cs, Operand<TFloat32> q, AttentionMemory memory, Operand<TInt32> queryOffset) {
    if (relative == null) {
      return attention.attend(cs, q, shared(cs, memory));
    }
    Ops tf = cs.tf();
    Operand<TInt32> tq = length(tf, q);
    Operand<TInt32> tk = length(tf, memory.keys());
    Operand<TFloat32> heads = relative.scoreBias(cs, queryOffset, tq, tk); // [H, Tq, Tk]
    Operand<TFloat32> bias = heads == null ? null : tf.expandDims(heads, tf.constant(0));
    Operand<TFloat32> perQuery = relative.queryBias(cs, q, queryOffset, tk); // [B, H, Tq, Tk]
    if (perQuery != null) {
      bias = bias == null ? perQuery : tf.math.add(bias, perQuery);
    }
    return attention.attend(cs, q, shared(cs, bias == null ? memory : memory.withBias(bias)));
  }

  /** {@code memory} with its G key/value heads repeated for the H query heads. */
  private AttentionMemory shared(CallScope cs, AttentionMemory memory) {
    if (kvHeads == spec.heads()) {
      return memory;
    }
    return new AttentionMemory(
        HeadProjections.repeat(cs, memory.keys(), kvHeads, spec.heads()),
        HeadProjections.repeat(cs, memory.values(), kvHeads, spec.heads()),
        memory.mask(),
        memory.bias());
  }

  /** {@code x [B, T, D]} through the projections, split into their heads (H or G) of Dh. */
  private List<Operand<TFloat32>> project(CallScope cs, Operand<TFloat32> x, List<Dense> through) {
    int[] heads = new int[through.size()];
    for (int i = 0; i < heads.length; i++) {
      heads[i] = through.get(i) == query ? spec.heads() : kvHeads;
    }
    return HeadProjections.project(cs, x, through, heads, spec.headDim());
  }

  /** Query heads {@code [B, H, T, Dh]} through the block's QK-norm, if it has one. */
  private Operand<TFloat32> normQueries(CallScope cs, Operand<TFloat32> heads) {
    if (cosine != null) {
      return cosine.query(cs, heads);
    }
    return queryNorm == null ? heads : queryNorm.call(cs, heads);
  }

  /** Key heads {@code [B, G, T, Dh]} through the block's QK-norm, if it has one. */
  private Operand<TFloat32> normKeys(CallScope cs, Operand<TFloat32> heads) {
    if (cosine != null) {
      return cosine.key(cs, heads);
    }
    return keyNorm == null ? heads : keyNorm.call(cs, heads);
  }

  /** The length, axis 2, of {@code x [B, H, T, Dh]}, a scalar. */
  private static Operand<TInt32> length(Ops tf, Operand<TFloat32> x) {
    return tf.gather(tf.shape(x), tf.constant(2), tf.constant(0));
  }

  private Operand<TFloat32> rotate(CallScope cs, Operand<TFloat32> x, Operand<TInt32> offset) {
    return relative == null ? x : relative.rotate(cs, x, offset);
  }

  private static Operand<TFloat32> expandMask(CallScope cs, Operand<TFloat32> mask) {
    return mask == null ? null : cs.tf().expandDims(mask, cs.tf().constant(1)); // [B, 1, Tq, Tk]
  }

  public MultiHeadSpec spec() {
    return spec;
  }

  /** The projection {@code query}, {@code key}, {@code value} or {@code output}, for tests. */
  Dense projection(String name) {
    return switch (name) {
      case "query" -> query;
      case "key" -> key;
      case "value" -> value;
      case "output" -> output;
      default -> throw new IllegalArgumentException("no projection " + name);
    };
  }

  /** The key/value heads G (H unless the block shares them). */
  public int kvHeads() {
    return kvHeads;
  }

  @Override
  public String describe() {
    return "MultiHeadAttention(d_model="
        + spec.dModel()
        + ", heads="
        + spec.heads()
        + (kvHeads == spec.heads() ? "" : ", kv_heads=" + kvHeads)
        + ", d_head="
        + spec.headDim()
        + (config.qkNorm() == MultiHeadConfig.QkNorm.NONE
            ? ""
            : ", qk_norm=" + config.qkNorm().name().toLowerCase(Locale.ROOT))
        + (config.bias() ? "" : ", no bias")
        + (relative == null ? "" : ", relative positions in self-attention")
        + ")";
  }
}
