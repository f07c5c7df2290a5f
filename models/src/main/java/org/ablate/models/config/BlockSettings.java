package org.ablate.models.config;

import org.ablate.core.config.Validated;
import org.ablate.layers.norm.NormPlacement;

/**
 * The settings of a Transformer block shared by every Transformer-family config: widths, heads,
 * dropout and the component chosen in each slot.
 */
public interface BlockSettings {
  /** The documentation of {@code drop_path}, the same in every Transformer-family config. */
  String DROP_PATH_DOC =
      "stochastic depth (Huang et al. 2016): the chance that a training example skips a sublayer"
          + " of the last layer, keeping only its residual (each sublayer draws on its own); layer l"
          + " of L uses l/L of this rate (0: off)";

  int dModel();

  int heads();

  int dFf();

  double dropout();

  double attentionDropout();

  /** Stochastic depth rate of the last layer (0: off). */
  double dropPath();

  String attention();

  String multiHead();

  String feedForward();

  NormPlacement norm();

  String normType();

  boolean residual();

  String positionalEncoding();

  int maxLength();

  /**
   * The rules every block config must satisfy: heads divide d_model, and stochastic depth needs the
   * residual connections it falls back on.
   */
  static void check(BlockSettings s, Validated.Checks checks) {
    checks.require(
        s.dropPath() == 0 || s.residual(),
        "drop_path",
        checks.path("drop_path")
            + "="
            + s.dropPath()
            + " skips sublayers by keeping only their residual connection, but "
            + checks.path("residual")
            + " is false, so a skipped sublayer would output zeros; set drop_path: 0 for the"
            + " no-residual ablation, or residual: true.");
    if (s.heads() > 0 && s.dModel() > 0 && s.dModel() % s.heads() != 0) {
      StringBuilder divisors = new StringBuilder();
      for (int h = 1; h <= Math.min(s.dModel(), 64); h++) {
        if (s.dModel() % h == 0) {
          divisors.append(divisors.length() == 0 ? "" : ", ").append(h);
        }
      }
      checks.require(
          false,
          "heads",
          checks.path("heads")
              + "="
              + s.heads()
              + " must divide "
              + checks.path("d_model")
              + "="
              + s.dModel()
              + " (d_model is split evenly over the heads); choose heads among "
              + divisors
              + ", or change d_model.");
    }
  }

  /**
   * Rejects locality self-attention where queries and keys are not the same tokens (decoders,
   * cross-attention, causal language models): masking "position i" there would block a real key.
   */
  static void requireNotLocality(String attention, String model, Validated.Checks checks) {
    checks.require(
        !"locality".equals(attention),
        "attention",
        checks.path("attention")
            + "=locality masks each token's attention to itself, which is only meaningful in an"
            + " encoder's self-attention (model.type vit or transformer_classifier); "
            + model
            + " attends across sequences or causally, so use scaled_dot_product (or another score) here.");
  }
}
