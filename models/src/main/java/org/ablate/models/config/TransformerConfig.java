package org.ablate.models.config;

import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;
import org.ablate.core.config.Slot;
import org.ablate.core.config.Validated;
import org.ablate.core.config.Variant;
import org.ablate.layers.norm.NormPlacement;

/**
 * The encoder-decoder Transformer of Vaswani et al. (2017); defaults are the paper's base model.
 */
@Variant("transformer")
@Doc("Encoder-decoder Transformer (Vaswani et al. 2017) for sequence-to-sequence tasks.")
public record TransformerConfig(
    @Doc("model width d_model") @Default("512") @Range(min = 1) int dModel,
    @Doc("attention heads; must divide d_model") @Default("8") @Range(min = 1) int heads,
    @Doc("inner width of the feed-forward blocks") @Default("2048") @Range(min = 1) int dFf,
    @Doc("encoder layers N") @Default("6") @Range(min = 0) int encoderLayers,
    @Doc("decoder layers N") @Default("6") @Range(min = 1) int decoderLayers,
    @Doc("dropout on sublayer outputs, embeddings and FFN activations")
        @Default("0.1")
        @Range(min = 0, max = 0.99)
        double dropout,
    @Doc("dropout on attention weights") @Default("0.0") @Range(min = 0, max = 0.99)
        double attentionDropout,
    @Doc(BlockSettings.DROP_PATH_DOC) @Default("0.0") @Range(min = 0, max = 0.99) double dropPath,
    @Doc("attention score function") @Default("scaled_dot_product") @Slot("attention")
        String attention,
    @Doc("multi-head attention block") @Default("standard") @Slot("multi_head") String multiHead,
    @Doc("feed-forward block: relu (paper) or gelu") @Default("relu") @Slot("feed_forward")
        String feedForward,
    @Doc("norm placement: post (paper) or pre") @Default("post") NormPlacement norm,
    @Doc("normalization: layer_norm or rms_norm") @Default("layer_norm") @Slot("norm_type")
        String normType,
    @Doc("residual connections around sublayers (false is an ablation)") @Default("true")
        boolean residual,
    @Doc("positional encoding: sinusoidal (paper), learned or none")
        @Default("sinusoidal")
        @Slot("positional_encoding")
        String positionalEncoding,
    @Doc("longest sequence the positional encoding covers") @Default("512") @Range(min = 1)
        int maxLength,
    @Doc("one embedding table for source and target (needs a shared vocabulary)") @Default("false")
        boolean shareEmbeddings,
    @Doc("output projection tied to the target embedding") @Default("false") boolean tieOutput)
    implements ModelConfig, BlockSettings, Validated {
  @Override
  public void validate(Checks checks) {
    BlockSettings.check(this, checks);
    BlockSettings.requireNotLocality(attention, "model.type transformer (encoder-decoder)", checks);
  }
}
