package org.ablate.models.transformer;

import java.util.List;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Layer;
import org.ablate.layers.attention.AttentionMemory;
import org.ablate.layers.attention.MultiHeadAttention;
import org.ablate.layers.feedforward.PositionwiseFeedForward;
import org.ablate.layers.norm.SublayerConnection;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * One decoder layer (Vaswani et al. 2017, section 3.1): masked self-attention, cross-attention
 * whose queries come from the decoder and keys and values from the encoder output, then a
 * feed-forward block; each inside a residual + norm connection. Legend: B batch, T target length, S
 * source length, D width.
 */
public final class DecoderBlock extends Layer {
  private final MultiHeadAttention selfAttention;
  private final MultiHeadAttention crossAttention;
  private final PositionwiseFeedForward feedForward;
  private final List<SublayerConnection> connections;

  public DecoderBlock(
      String name,
      MultiHeadAttention selfAttention,
      MultiHeadAttention crossAttention,
      PositionwiseFeedForward feedForward,
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
    h = connections.get(1).call(cs, h, x -> crossAttention.attend(cs, x, memory));
    return connections.get(2).call(cs, h, x -> feedForward.call(cs, x));
  }

  @Override
  public String describe() {
    return "DecoderBlock";
  }
}
