package org.ablate.layers.norm;

/**
 * Where the normalization sits around a sublayer F with input x.
 *
 * <ul>
 *   <li>{@link #POST} (the original Transformer, Vaswani et al. 2017): y = Norm(x + Dropout(F(x))).
 *   <li>{@link #PRE} (Xiong et al. 2020; ViT): y = x + Dropout(F(Norm(x))); the stack then ends
 *       with one final Norm.
 *   <li>{@link #SANDWICH} (Ding et al. 2021, CogView, "Sandwich-LN"): y = x +
 *       Dropout(Norm_out(F(Norm_in(x)))), a second norm of its own on each sublayer's output; the
 *       stack then ends with one final Norm, as with PRE.
 *   <li>{@link #DEEP} (Wang et al. 2022, DeepNet, "DeepNorm"): y = Norm(alpha x + Dropout(F(x))),
 *       post-norm with the residual scaled by alpha > 1; the model also scales the initial weights
 *       of the feed-forward blocks and of the value and output projections by beta < 1. Both follow
 *       from the numbers of encoder and decoder layers.
 * </ul>
 */
public enum NormPlacement {
  PRE,
  POST,
  SANDWICH,
  DEEP;

  /** True when the stack ends with a final norm (PRE and SANDWICH). */
  public boolean endsWithNorm() {
    return this == PRE || this == SANDWICH;
  }
}
