package org.ablate.models.config;

import java.util.List;
import org.ablate.core.config.After;
import org.ablate.core.config.Choice;
import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Inline;
import org.ablate.core.config.Range;
import org.ablate.core.config.Validated;

/**
 * The Vision Transformer (Dosovitskiy et al. 2021): patches as tokens, a class token, learned
 * positions, a pre-LN encoder with GELU MLPs and a classification head.
 */
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
    @Doc(
            "output channels of a convolutional stem's 3x3 stride-2 convolutions (Xiao et al. 2021), each halving the image side, rounding up; the patches are then cut from its feature map ([]: the paper's patches of the image)")
        @Default("[]")
        List<Integer> stemChannels,
    @Inline
        @Default(
            "{d_model: 128, heads: 4, d_ff: 256, feed_forward: gelu, norm: pre,"
                + " positional_encoding: learned}")
        BlockConfig block,
    @After("d_ff") @Doc("encoder layers") @Default("6") @Range(min = 1, max = 1000) int layers,
    @Doc("pooling: cls (the paper) or mean") @Default("cls") Pooling pooling)
    implements ModelConfig, Validated {
  private static final int MAX_STEM_CONVS = 6;
  private static final int MAX_STEM_WIDTH = 4096;

  @Override
  public void validate(Checks checks) {
    checks.require(
        patchOverlap <= patchSize,
        "patch_overlap",
        checks.path("patch_overlap")
            + "="
            + patchOverlap
            + " is more than patch_size="
            + patchSize
            + "; a token may see at most one patch of context on each side.");
    checks.require(
        stemChannels.size() <= MAX_STEM_CONVS,
        "stem_channels",
        checks.path("stem_channels")
            + " has "
            + stemChannels.size()
            + " convolutions; at most "
            + MAX_STEM_CONVS
            + " (each halves the image side), e.g. [32, 64, 128] for a 28x28 image.");
    for (int c : stemChannels) {
      checks.require(
          c >= 1 && c <= MAX_STEM_WIDTH,
          "stem_channels",
          checks.path("stem_channels")
              + "="
              + stemChannels
              + " has "
              + c
              + " channels; each convolution needs between 1 and "
              + MAX_STEM_WIDTH
              + ".");
    }
    Choice positions = block.positionalEncoding();
    checks.require(
        !List.of("rotary", "alibi", "t5_bias", "shaw").contains(positions.name()),
        "positional_encoding",
        checks.path("positional_encoding")
            + "="
            + positions.name()
            + " measures distance along a 1-D sequence, but a ViT's patches lie on a 2-D grid (and"
            + " the class token has no place on it), so the distance between neighbouring rows"
            + " would be a whole row of patches; use learned (the paper) or sinusoidal here.");
  }
}
