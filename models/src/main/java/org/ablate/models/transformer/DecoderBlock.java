package org.ablate.models.transformer;

import java.util.List;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Layer;
import org.ablate.layers.attention.AttentionMemory;
import org.ablate.layers.attention.MultiHeadAttention;
import org.ablate.layers.feedforward.FeedForward;
import org.ablate.layers.norm.SublayerConnection;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One decoder layer (Vaswani et al. 2017, section 3.1): masked self-attention, cross-attention
 * whose queries come from the decoder and keys and values from the encoder output, then a
 * feed-forward block; each inside a residual + norm connection. Legend: B batch, T target length, S
 * source length, D width.
 */
public final class DecoderBlock extends Layer {
  private final MultiHeadAttention selfAttention;
  private final MultiHeadAttention crossAttention;
  private final FeedForward feedForward;
  private final List<SublayerConnection> connections;

  public DecoderBlock(
      String name,
      MultiHeadAttention selfAttention,
      MultiHeadAttention crossAttention,
      FeedForward feedForward,
      List<SublayerConnection> connections) {
    super(name);
    if (connections.size() != 3) {
      throw new IllegalArgumentException("a decoder block needs 3 sublayer connections");
    }
    this.selfAttention = add(selfAttention);
    this.crossAttention = add(crossAttention);
    this.feedForward = add(feedForward);
    connections.forEach(this::add);
    this.connections = List.copyOf(connections);
  }

  /**
   * Projects the encoder output {@code [B, S, D]} into this layer's cross-attention keys and
   * values.
   */
  public AttentionMemory prepare(
      CallScope cs, Operand<TFloat32> memory, Operand<TFloat32> memoryMask) {
    return crossAttention.prepare(cs, memory, memoryMask);
  }

  /**
   * {@code y [B, T, D]} with {@code selfMask} broadcastable to {@code [B, T, T]} (causal) over the
   * prepared encoder memory -> {@code [B, T, D]}.
   */
  public Operand<TFloat32> call(
      CallScope cs, Operand<TFloat32> y, Operand<TFloat32> selfMask, AttentionMemory memory) {
    checkBuilt();
    Operand<TFloat32> h =
        connections.get(0).call(cs, y, x -> selfAttention.selfAttention(cs, x, selfMask));
    return crossAttentionAndFeedForward(cs, h, memory);
  }

  /** The second and third sublayers, after the self-attention: {@code [B, T, D] -> [B, T, D]}. */
  private Operand<TFloat32> crossAttentionAndFeedForward(
      CallScope cs, Operand<TFloat32> h, AttentionMemory memory) {
    Operand<TFloat32> c = connections.get(1).call(cs, h, x -> crossAttention.attend(cs, x, memory));
    return connections.get(2).call(cs, c, x -> feedForward.call(cs, x));
  }

  /**
   * One incremental decoding step: {@code y [B, 1, D]}, the newest position, with this layer's
   * self-attention keys and values cached from the earlier positions ({@code [B, H, t, Dh]}).
   * Returns the output {@code [B, 1, D]} and the grown caches; the output equals the last row of
   * {@link #call} over the whole prefix with a causal mask.
   */
  public MultiHeadAttention.CachedStep step(
      CallScope cs,
      Operand<TFloat32> y,
      Operand<TFloat32> keys,
      Operand<TFloat32> values,
      AttentionMemory memory) {
    checkBuilt();
    MultiHeadAttention.CachedStep[] self = new MultiHeadAttention.CachedStep[1];
    Operand<TFloat32> h =
        connections
            .get(0)
            .call(
                cs,
                y,
                x -> {
                  self[0] = selfAttention.selfAttentionStep(cs, x, keys, values);
                  return self[0].output();
                });
    return new MultiHeadAttention.CachedStep(
        crossAttentionAndFeedForward(cs, h, memory), self[0].keys(), self[0].values());
  }

  /**
   * An empty self-attention key or value cache for {@code batch} sequences, {@code [B, G, 0, Dh]}.
   */
  public Operand<TFloat32> emptyCache(CallScope cs, Operand<TInt32> batch) {
    return selfAttention.emptyCache(cs, batch);
  }

  @Override
  public String describe() {
    return "DecoderBlock";
  }
}
