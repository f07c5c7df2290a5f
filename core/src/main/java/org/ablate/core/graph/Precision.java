package org.ablate.core.graph;

/**
 * The arithmetic of matrix multiplications. Weights, optimizer state, normalization statistics,
 * softmax and the loss stay float32 in both modes (mixed precision).
 */
public enum Precision {
  /** Everything in float32. */
  FLOAT32,
  /** Matmul operands cast to bfloat16, products accumulated and returned as float32. */
  BFLOAT16
}
