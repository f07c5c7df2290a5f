package org.ablate.layers.attention;

/**
 * What an attention function is given besides its own options.
 *
 * @param queryDim width of each query vector (Dq)
 * @param keyDim width of each key vector (Dk)
 * @param dropout dropout on the attention weights, in training
 * @param heads the number of heads H of the inputs {@code [B, H, T, Dh]} inside multi-head
 *     attention, 1 for inputs of rank 3 (the RNN decoders)
 */
public record AttentionSpec(int queryDim, int keyDim, double dropout, int heads) {
  public AttentionSpec {
    if (queryDim <= 0 || keyDim <= 0 || heads <= 0) {
      throw new IllegalArgumentException(
          "attention widths and heads must be positive: "
              + queryDim
              + ", "
              + keyDim
              + ", "
              + heads);
    }
  }

  /** One head: inputs of rank 3. */
  public AttentionSpec(int queryDim, int keyDim, double dropout) {
    this(queryDim, keyDim, dropout, 1);
  }
}
