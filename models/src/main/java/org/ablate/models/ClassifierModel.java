package org.ablate.models;

import org.ablate.core.graph.CallScope;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A classifier over images {@code [B, H, W, C]} (float32) or token sequences {@code [B, T]}
 * (int32).
 */
public interface ClassifierModel extends Model {
  /** What the classifier reads. */
  enum Input {
    IMAGES,
    TOKENS
  }

  Input input();

  /** {@code input -> logits [B, classes]}. */
  Operand<TFloat32> logits(CallScope cs, Operand<?> input);
}
