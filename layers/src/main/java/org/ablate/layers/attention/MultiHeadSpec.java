package org.ablate.layers.attention;

/**
 * The configuration of multi-head attention: d_model split evenly over the heads.
 *
 * @param dModel model width D
 * @param heads number of heads H; must divide D
 * @param dropout dropout on the attention weights, in training
 */
public record MultiHeadSpec(int dModel, int heads, double dropout) {
  public MultiHeadSpec {
    if (heads <= 0 || dModel <= 0 || dModel % heads != 0) {
      throw new IllegalArgumentException(
          "heads="
              + heads
              + " must divide d_model="
              + dModel
              + " (each head gets d_model/heads dims)");
    }
  }

  /** Width of one head, Dh = D / H. */
  public int headDim() {
    return dModel / heads;
  }
}
