package org.ablate.models.config;

import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;
import org.ablate.core.config.Slot;
import org.ablate.core.config.Validated;
import org.ablate.core.config.Variant;
import org.ablate.layers.norm.NormPlacement;

/**
 * The Vision Transformer (Dosovitskiy et al. 2021): patches as tokens, a class token, learned
 * positions, a pre-LN encoder with GELU MLPs and a classification head.
 */
@Variant("vit")
@Doc(
    "Vision Transformer: non-overlapping patches as tokens, class token, learned positions, pre-LN encoder.")
public record VitConfig(
    @Doc("patch side P; must divide the image height and width") @Default("4") @Range(min = 1)
        int patchSize,
    @Doc(
            "pixels of the neighbouring patches each token also sees on every side (0: the paper's non-overlapping patches; at most patch_size)")
        @Default("0")
        @Range(min = 0)
        int patchOverlap,
    @Doc("model width d_model") @Default("128") @Range(min = 1) int dModel,
    @Doc("attention heads; must divide d_model") @Default("4") @Range(min = 1) int heads,
    @Doc("MLP width") @Default("256") @Range(min = 1) int dFf,
    @Doc("encoder layers") @Default("6") @Range(min = 1) int layers,
    @Doc("dropout") @Default("0.1") @Range(min = 0, max = 0.99) double dropout,
    @Doc("dropout on attention weights") @Default("0.0") @Range(min = 0, max = 0.99)
        double attentionDropout,
    @Doc(BlockSettings.DROP_PATH_DOC) @Default("0.0") @Range(min = 0, max = 0.99) double dropPath,
    @Doc("attention score function") @Default("scaled_dot_product") @Slot("attention")
        String attention,
    @Doc("multi-head attention block") @Default("standard") @Slot("multi_head") String multiHead,
    @Doc("MLP block") @Default("gelu") @Slot("feed_forward") String feedForward,
    @Doc("norm placement") @Default("pre") NormPlacement norm,
    @Doc("normalization") @Default("layer_norm") @Slot("norm_type") String normType,
    @Doc("residual connections") @Default("true") boolean residual,
    @Doc("positional encoding of the patch sequence")
        @Default("learned")
        @Slot("positional_encoding")
        String positionalEncoding,
    @Doc("pooling: cls (the paper) or mean") @Default("cls") Pooling pooling)
    implements ModelConfig, BlockSettings, Validated {
  @Override
  public int maxLength() {
    return 0; // derived from the image and patch sizes by the model
  }

  @Override
  public void validate(Checks checks) {
    BlockSettings.check(this, checks);
    checks.require(
        patchOverlap <= patchSize,
        "patch_overlap",
        checks.path("patch_overlap")
            + "="
            + patchOverlap
            + " is more than patch_size="
            + patchSize
            + "; a token may see at most one patch of context on each side.");
  }
}
