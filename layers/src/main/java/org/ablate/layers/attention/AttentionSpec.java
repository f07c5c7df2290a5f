package org.ablate.layers.attention;

/**
 * The configuration of one attention function.
 *
 * @param queryDim width of each query vector (Dq)
 * @param keyDim width of each key vector (Dk)
 * @param dropout dropout on the attention weights, in training
 */
public record AttentionSpec(int queryDim, int keyDim, double dropout) {
  public AttentionSpec {
    if (queryDim <= 0 || keyDim <= 0) {
      throw new IllegalArgumentException(
          "attention widths must be positive: " + queryDim + ", " + keyDim);
    }
  }
}
