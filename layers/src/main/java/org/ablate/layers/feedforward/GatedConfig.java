package org.ablate.layers.feedforward;

import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;

/**
 * The options of a gated feed-forward block ({@code swiglu}, {@code geglu}), chosen in YAML with
 * {@code feed_forward: {type: swiglu, inner_width: d_ff}} or the bare name for the defaults.
 *
 * @param innerWidth how the inner width F follows from {@code d_ff}
 */
@Doc(
    "Gated linear unit feed-forward (Shazeer 2020): (act(x W) * x V) W_2, three matrices and no"
        + " biases.")
public record GatedConfig(
    @Doc(
            "inner width F of the gated block: two_thirds (the paper's rule, F = round(2 d_ff / 3),"
                + " so its 3 D F weights match the 2 D d_ff of a relu or gelu block of the same"
                + " d_ff) or d_ff (F = d_ff, 1.5 times the weights)")
        @Default("two_thirds")
        InnerWidth innerWidth) {

  /** The rule that gives the inner width F from {@code d_ff}. */
  public enum InnerWidth {
    /** F = round(2 d_ff / 3), at least 1: parameters and FLOPs matched to a two-matrix block. */
    TWO_THIRDS,
    /** F = d_ff. */
    D_FF;

    /** The inner width for {@code dFf}. */
    public int of(int dFf) {
      return this == D_FF ? dFf : (int) Math.max(1, Math.round(2.0 * dFf / 3));
    }
  }
}
