package org.ablate.models.config;

import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;
import org.ablate.core.config.Slot;
import org.ablate.core.config.Validated;
import org.ablate.core.config.Variant;
import org.ablate.layers.norm.NormPlacement;

/**
 * An encoder-only language model: embedding + positions + encoder stack (causal self-attention) +
 * vocabulary head, as in PyTorch's word-language-model Transformer example.
 */
@Variant("transformer_lm")
@Doc("Encoder-only Transformer language model with a vocabulary head and a causal mask.")
public record TransformerLmConfig(
    @Doc("model width d_model") @Default("256") @Range(min = 1) int dModel,
    @Doc("attention heads; must divide d_model") @Default("4") @Range(min = 1) int heads,
    @Doc("inner width of the feed-forward blocks") @Default("1024") @Range(min = 1) int dFf,
    @Doc("encoder layers") @Default("4") @Range(min = 1) int layers,
    @Doc("dropout") @Default("0.1") @Range(min = 0, max = 0.99) double dropout,
    @Doc("dropout on attention weights") @Default("0.0") @Range(min = 0, max = 0.99)
        double attentionDropout,
    @Doc(BlockSettings.DROP_PATH_DOC) @Default("0.0") @Range(min = 0, max = 0.99) double dropPath,
    @Doc("attention score function") @Default("scaled_dot_product") @Slot("attention")
        String attention,
    @Doc("multi-head attention block") @Default("standard") @Slot("multi_head") String multiHead,
    @Doc("feed-forward block") @Default("relu") @Slot("feed_forward") String feedForward,
    @Doc("norm placement") @Default("post") NormPlacement norm,
    @Doc("normalization") @Default("layer_norm") @Slot("norm_type") String normType,
    @Doc("residual connections") @Default("true") boolean residual,
    @Doc("positional encoding") @Default("sinusoidal") @Slot("positional_encoding")
        String positionalEncoding,
    @Doc("longest sequence") @Default("512") @Range(min = 1) int maxLength,
    @Doc(
            "causal self-attention (false turns the LM into a bidirectional encoder, which can see the answer)")
        @Default("true")
        boolean causal,
    @Doc("vocabulary head tied to the embedding") @Default("false") boolean tieOutput)
    implements ModelConfig, BlockSettings, Validated {
  @Override
  public void validate(Checks checks) {
    BlockSettings.check(this, checks);
    BlockSettings.requireNotLocality(attention, "model.type transformer_lm", checks);
  }
}
