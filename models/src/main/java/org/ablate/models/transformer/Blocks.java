package org.ablate.models.transformer;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ablate.core.registry.Components;
import org.ablate.layers.attention.Attention;
import org.ablate.layers.attention.AttentionFactory;
import org.ablate.layers.attention.AttentionSpec;
import org.ablate.layers.attention.MultiHeadAttention;
import org.ablate.layers.attention.MultiHeadFactory;
import org.ablate.layers.attention.MultiHeadSpec;
import org.ablate.layers.feedforward.FeedForwardFactory;
import org.ablate.layers.feedforward.FeedForwardSpec;
import org.ablate.layers.feedforward.PositionwiseFeedForward;
import org.ablate.layers.norm.Norm;
import org.ablate.layers.norm.NormFactory;
import org.ablate.layers.norm.NormPlacement;
import org.ablate.layers.norm.SublayerConnection;
import org.ablate.layers.position.PositionSpec;
import org.ablate.layers.position.PositionalEncoding;
import org.ablate.layers.position.PositionalEncodingFactory;
import org.ablate.models.config.BlockSettings;

/**
 * Builds Transformer parts from the components registered in each slot, so every Transformer-family
 * model (encoder-decoder, encoder-only, ViT) composes the same pieces the same way. Each component
 * gets only its own spec, derived here from the block settings.
 */
public final class Blocks {
  private final Map<String, AttentionFactory> attentions;
  private final Map<String, MultiHeadFactory> multiHeads;
  private final Map<String, FeedForwardFactory> feedForwards;
  private final Map<String, NormFactory> norms;
  private final Map<String, PositionalEncodingFactory> positions;

  @Inject
  Blocks(
      Map<String, AttentionFactory> attentions,
      Map<String, MultiHeadFactory> multiHeads,
      Map<String, FeedForwardFactory> feedForwards,
      Map<String, NormFactory> norms,
      Map<String, PositionalEncodingFactory> positions) {
    this.attentions = attentions;
    this.multiHeads = multiHeads;
    this.feedForwards = feedForwards;
    this.norms = norms;
    this.positions = positions;
  }

  public MultiHeadAttention attention(String name, BlockSettings s) {
    MultiHeadSpec spec = new MultiHeadSpec(s.dModel(), s.heads(), s.attentionDropout());
    Attention inner =
        Components.pick(attentions, s.attention(), "model.attention")
            .create(
                "attention",
                new AttentionSpec(spec.headDim(), spec.headDim(), s.attentionDropout()));
    return Components.pick(multiHeads, s.multiHead(), "model.multi_head").create(name, spec, inner);
  }

  public PositionwiseFeedForward feedForward(String name, BlockSettings s) {
    return Components.pick(feedForwards, s.feedForward(), "model.feed_forward")
        .create(name, new FeedForwardSpec(s.dModel(), s.dFf(), s.dropout()));
  }

  public Norm norm(String name, BlockSettings s) {
    return Components.pick(norms, s.normType(), "model.norm_type").create(name, s.dModel());
  }

  /** A residual connection whose whole sublayer a training example skips with {@code dropPath}. */
  public SublayerConnection connection(String name, BlockSettings s, double dropPath) {
    return new SublayerConnection(
        name, norm("norm", s), s.norm(), s.dropout(), dropPath, s.residual());
  }

  /**
   * The stochastic depth rate of layer {@code index} (0-based) of {@code layers}: Huang et al.'s
   * linear rule, l/L of the last layer's rate for layer l = index + 1.
   */
  static double dropPath(BlockSettings s, int index, int layers) {
    return s.dropPath() * (index + 1) / layers;
  }

  public PositionalEncoding positions(String name, BlockSettings s, int maxLength) {
    return Components.pick(positions, s.positionalEncoding(), "model.positional_encoding")
        .create(name, new PositionSpec(s.dModel(), maxLength));
  }

  /** N encoder layers; pre-norm stacks end with one more norm. */
  public EncoderStack encoder(String name, BlockSettings s, int layers) {
    List<EncoderBlock> blocks = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      double skip = dropPath(s, i, layers);
      blocks.add(
          new EncoderBlock(
              "layer_" + i,
              attention("self_attention", s),
              feedForward("feed_forward", s),
              connection("sublayer_0", s, skip),
              connection("sublayer_1", s, skip)));
    }
    return new EncoderStack(name, blocks, finalNorm(s));
  }

  /** N decoder layers; pre-norm stacks end with one more norm. */
  public DecoderStack decoder(String name, BlockSettings s, int layers) {
    List<DecoderBlock> blocks = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      double skip = dropPath(s, i, layers);
      blocks.add(
          new DecoderBlock(
              "layer_" + i,
              attention("self_attention", s),
              attention("cross_attention", s),
              feedForward("feed_forward", s),
              List.of(
                  connection("sublayer_0", s, skip),
                  connection("sublayer_1", s, skip),
                  connection("sublayer_2", s, skip))));
    }
    return new DecoderStack(name, blocks, finalNorm(s));
  }

  private Norm finalNorm(BlockSettings s) {
    return s.norm() == NormPlacement.PRE ? norm("final_norm", s) : null;
  }
}
