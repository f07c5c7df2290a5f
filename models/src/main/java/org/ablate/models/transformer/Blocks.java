package org.ablate.models.transformer;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.ablate.core.registry.Registry;
import org.ablate.layers.attention.Attention;
import org.ablate.layers.attention.AttentionSpec;
import org.ablate.layers.attention.MultiHeadAttention;
import org.ablate.layers.attention.MultiHeadSpec;
import org.ablate.layers.attention.RelativePositions;
import org.ablate.layers.feedforward.FeedForward;
import org.ablate.layers.feedforward.FeedForwardSpec;
import org.ablate.layers.norm.Norm;
import org.ablate.layers.norm.NormPlacement;
import org.ablate.layers.norm.NormSpec;
import org.ablate.layers.norm.SublayerConnection;
import org.ablate.layers.position.PositionSpec;
import org.ablate.layers.position.PositionalEncoding;
import org.ablate.models.config.BlockConfig;

/**
 * Builds Transformer parts from the components registered in each slot, so every Transformer-family
 * model (encoder-decoder, encoder-only, ViT) composes the same pieces the same way. Each component
 * gets only its own spec, derived here from the block settings, and its own options.
 */
public final class Blocks {
  private final Registry registry;

  @Inject
  Blocks(Registry registry) {
    this.registry = registry;
  }

  /** A multi-head block without relative positions (cross-attention). */
  public MultiHeadAttention attention(String name, BlockConfig s) {
    return attention(name, s, null);
  }

  /** A multi-head block whose self-attention applies {@code relative} positions (null: none). */
  public MultiHeadAttention attention(String name, BlockConfig s, RelativePositions relative) {
    MultiHeadSpec spec = new MultiHeadSpec(s.dModel(), s.heads(), s.attentionDropout());
    Attention inner =
        registry.make(
            Attention.SLOT,
            s.attention(),
            "model.attention",
            "attention",
            new AttentionSpec(spec.headDim(), spec.headDim(), s.attentionDropout(), spec.heads()));
    return registry.make(
        MultiHeadAttention.SLOT,
        s.multiHead(),
        "model.multi_head",
        name,
        new MultiHeadAttention.Parts(spec, inner, relative));
  }

  public FeedForward feedForward(String name, BlockConfig s) {
    return registry.make(
        FeedForward.SLOT,
        s.feedForward(),
        "model.feed_forward",
        name,
        new FeedForwardSpec(s.dModel(), s.dFf(), s.dropout()));
  }

  public Norm norm(String name, BlockConfig s) {
    return registry.make(
        Norm.SLOT, s.normType(), "model.norm_type", name, new NormSpec(s.dModel()));
  }

  /**
   * A residual connection whose whole sublayer a training example skips with {@code dropPath}, and
   * whose residual DeepNorm scales by {@code alpha} (1 for the other placements).
   */
  public SublayerConnection connection(String name, BlockConfig s, double dropPath, double alpha) {
    return new SublayerConnection(
        name,
        norm("norm", s),
        s.norm() == NormPlacement.SANDWICH ? norm("output_norm", s) : null,
        s.norm(),
        s.dropout(),
        dropPath,
        s.residual(),
        alpha);
  }

  /** DeepNorm's scales for {@code s} (NONE unless {@code norm: deep}). */
  private static DeepNormScales deep(BlockConfig s, DeepNormScales scales) {
    return s.norm() == NormPlacement.DEEP ? scales : DeepNormScales.NONE;
  }

  /**
   * The stochastic depth rate of layer {@code index} (0-based) of {@code layers}: Huang et al.'s
   * linear rule, l/L of the last layer's rate for layer l = index + 1.
   */
  static double dropPath(BlockConfig s, int index, int layers) {
    return s.dropPath() * (index + 1) / layers;
  }

  public PositionalEncoding positions(String name, BlockConfig s, int maxLength) {
    return registry.make(
        PositionalEncoding.SLOT,
        s.positionalEncoding(),
        "model.positional_encoding",
        name,
        new PositionSpec(s.dModel(), maxLength, s.heads()));
  }

  /**
   * N encoder layers whose self-attention applies {@code relative} positions (the model's {@link
   * PositionalEncoding#relative()}, null for none); pre-norm stacks end with one more norm. An
   * encoder-only model: DeepNorm, if chosen, uses its single-stack scales.
   */
  public EncoderStack encoder(String name, BlockConfig s, int layers, RelativePositions relative) {
    return encoder(name, s, layers, relative, DeepNormScales.singleStack(layers));
  }

  /**
   * As {@link #encoder(String, BlockConfig, int, RelativePositions)}, with DeepNorm's {@code
   * scales}.
   */
  public EncoderStack encoder(
      String name, BlockConfig s, int layers, RelativePositions relative, DeepNormScales scales) {
    DeepNormScales d = deep(s, scales);
    List<EncoderBlock> blocks = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      double skip = dropPath(s, i, layers);
      blocks.add(
          new EncoderBlock(
              "layer_" + i,
              attention("self_attention", s, relative),
              feedForward("feed_forward", s),
              connection("sublayer_0", s, skip, d.alpha()),
              connection("sublayer_1", s, skip, d.alpha())));
    }
    return new EncoderStack(name, blocks, finalNorm(s), d);
  }

  /**
   * N decoder layers whose self-attention (not the cross-attention) applies {@code relative}
   * positions, null for none, with DeepNorm's {@code scales} if {@code norm: deep}; pre-norm stacks
   * end with one more norm.
   */
  public DecoderStack decoder(
      String name, BlockConfig s, int layers, RelativePositions relative, DeepNormScales scales) {
    DeepNormScales d = deep(s, scales);
    List<DecoderBlock> blocks = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      double skip = dropPath(s, i, layers);
      blocks.add(
          new DecoderBlock(
              "layer_" + i,
              attention("self_attention", s, relative),
              attention("cross_attention", s),
              feedForward("feed_forward", s),
              List.of(
                  connection("sublayer_0", s, skip, d.alpha()),
                  connection("sublayer_1", s, skip, d.alpha()),
                  connection("sublayer_2", s, skip, d.alpha()))));
    }
    return new DecoderStack(name, blocks, finalNorm(s), d);
  }

  private Norm finalNorm(BlockConfig s) {
    return s.norm().endsWithNorm() ? norm("final_norm", s) : null;
  }
}
