package org.ablate.models;

import org.ablate.core.graph.CallScope;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A language model: {@code tokens [B, T] -> logits [B, T, V]} for the next token at each position.
 */
public interface LanguageModel extends Model {
  Operand<TFloat32> logits(CallScope cs, Operand<TInt32> tokens);
}
