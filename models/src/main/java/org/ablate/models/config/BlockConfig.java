package org.ablate.models.config;

import org.ablate.core.config.Choice;
import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;
import org.ablate.core.config.Slot;
import org.ablate.core.config.Validated;
import org.ablate.layers.norm.NormPlacement;

/**
 * The settings of a Transformer block, shared by every Transformer-family config: widths, heads,
 * dropouts and the component chosen in each layer slot. Each model config includes it with {@link
 * org.ablate.core.config.Inline}, so its keys sit directly under {@code model:}, and overrides the
 * defaults below (the encoder-decoder Transformer's, from the paper's base model) with its own.
 *
 * <pre>{@code
 * @Inline @Default("{d_model: 128, heads: 4, d_ff: 256, feed_forward: gelu, norm: pre}")
 * BlockConfig block
 * }</pre>
 */
public record BlockConfig(
    @Doc("model width d_model") @Default("512") @Range(min = 1, max = 1048576) int dModel,
    @Doc("attention heads; must divide d_model") @Default("8") @Range(min = 1, max = 4096)
        int heads,
    @Doc("inner width of the feed-forward blocks (the ViT's MLP)")
        @Default("2048")
        @Range(min = 1, max = 4194304)
        int dFf,
    @Doc("dropout on sublayer outputs, embeddings and feed-forward activations")
        @Default("0.1")
        @Range(min = 0, max = 0.99)
        double dropout,
    @Doc("dropout on attention weights") @Default("0.0") @Range(min = 0, max = 0.99)
        double attentionDropout,
    @Doc(
            "stochastic depth (Huang et al. 2016): the chance that a training example skips a"
                + " sublayer of the last layer, keeping only its residual (each sublayer draws on"
                + " its own); layer l of L uses l/L of this rate (0: off)")
        @Default("0.0")
        @Range(min = 0, max = 0.99)
        double dropPath,
    @Doc("attention score function") @Default("scaled_dot_product") @Slot("attention")
        Choice attention,
    @Doc("multi-head attention block") @Default("standard") @Slot("multi_head") Choice multiHead,
    @Doc(
            "feed-forward block: relu (the Transformer paper), gelu (ViT, BERT), or the gated"
                + " swiglu and geglu (Shazeer 2020), whose inner width is 2/3 of d_ff by default so"
                + " that the weights match")
        @Default("relu")
        @Slot("feed_forward")
        Choice feedForward,
    @Doc(
            "norm placement: post (the Transformer paper), pre, sandwich (CogView's Sandwich-LN:"
                + " pre plus a norm on each sublayer's output) or deep (DeepNet's DeepNorm: post with"
                + " the residual scaled by alpha and some initial weights by beta, both from the"
                + " numbers of layers)")
        @Default("post")
        NormPlacement norm,
    @Doc("normalization: layer_norm or rms_norm") @Default("layer_norm") @Slot("norm_type")
        Choice normType,
    @Doc("residual connections around sublayers (false is an ablation)") @Default("true")
        boolean residual,
    @Doc(
            "positional encoding: sinusoidal (the Transformer paper), learned or none, added to the"
                + " input; or rotary (Su et al. 2021), alibi (Press et al. 2022), t5_bias (Raffel et"
                + " al. 2020) or shaw (Shaw et al. 2018), which act inside every self-attention (not"
                + " in the ViT)")
        @Default("sinusoidal")
        @Slot("positional_encoding")
        Choice positionalEncoding)
    implements Validated {

  /**
   * The rules every block satisfies: heads divide d_model, and stochastic depth needs the residual
   * connections it falls back on.
   */
  @Override
  public void validate(Checks checks) {
    checks.require(
        dropPath == 0 || residual,
        "drop_path",
        checks.path("drop_path")
            + "="
            + dropPath
            + " skips sublayers by keeping only their residual connection, but "
            + checks.path("residual")
            + " is false, so a skipped sublayer would output zeros; set drop_path: 0 for the"
            + " no-residual ablation, or residual: true.");
    if (heads > 0 && dModel > 0 && dModel % heads != 0) {
      StringBuilder divisors = new StringBuilder();
      for (int h = 1; h <= Math.min(dModel, 64); h++) {
        if (dModel % h == 0) {
          divisors.append(divisors.length() == 0 ? "" : ", ").append(h);
        }
      }
      checks.require(
          false,
          "heads",
          checks.path("heads")
              + "="
              + heads
              + " must divide "
              + checks.path("d_model")
              + "="
              + dModel
              + " (d_model is split evenly over the heads); choose heads among "
              + divisors
              + ", or change d_model.");
    }
  }

  /**
   * Rejects locality self-attention where queries and keys are not the same tokens (decoders,
   * cross-attention, causal language models): masking "position i" there would block a real key.
   */
  public static void requireNotLocality(Choice attention, String model, Validated.Checks checks) {
    checks.require(
        !attention.is("locality"),
        "attention",
        checks.path("attention")
            + "=locality masks each token's attention to itself, which is only meaningful in an"
            + " encoder's self-attention (model.type vit or transformer_classifier); "
            + model
            + " attends across sequences or causally, so use scaled_dot_product (or another score) here.");
  }
}
