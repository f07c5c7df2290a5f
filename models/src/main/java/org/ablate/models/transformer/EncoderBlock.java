package org.ablate.models.transformer;

import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Layer;
import org.ablate.layers.attention.MultiHeadAttention;
import org.ablate.layers.feedforward.FeedForward;
import org.ablate.layers.norm.SublayerConnection;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * One encoder layer (Vaswani et al. 2017, section 3.1): self-attention then a feed-forward block,
 * each inside a residual + norm connection. Legend: B batch, S length, D width.
 */
public final class EncoderBlock extends Layer {
  private final MultiHeadAttention selfAttention;
  private final FeedForward feedForward;
  private final SublayerConnection attentionConnection;
  private final SublayerConnection feedForwardConnection;

  public EncoderBlock(
      String name,
      MultiHeadAttention selfAttention,
      FeedForward feedForward,
      SublayerConnection attentionConnection,
      SublayerConnection feedForwardConnection) {
    super(name);
    this.selfAttention = add(selfAttention);
    this.feedForward = add(feedForward);
    this.attentionConnection = add(attentionConnection);
    this.feedForwardConnection = add(feedForwardConnection);
  }

  /** {@code x [B, S, D]}, {@code mask} broadcastable to {@code [B, S, S]} -> {@code [B, S, D]}. */
  public Operand<TFloat32> call(CallScope cs, Operand<TFloat32> x, Operand<TFloat32> mask) {
    checkBuilt();
    Operand<TFloat32> h =
        attentionConnection.call(cs, x, y -> selfAttention.selfAttention(cs, y, mask));
    return feedForwardConnection.call(cs, h, y -> feedForward.call(cs, y));
  }

  @Override
  public String describe() {
    return "EncoderBlock";
  }
}
