package org.ablate.training.data;

import java.util.Map;

/**
 * Text to token ids and back. Ids 0-3 are {@code <pad> <s> </s> <unk>}. For text whose characters
 * were all seen in training, {@code decode(encode(text))} equals {@code text} exactly.
 */
public interface Tokenizer {
  int vocabularySize();

  /** Token ids of {@code text}, without BOS or EOS. */
  int[] encode(String text);

  /** Text of {@code ids}; stops at the first EOS, skips PAD and BOS. */
  String decode(int[] ids);

  /** The string of one token id. */
  String token(int id);

  /**
   * A JSON-ready description with a {@code type} and a {@code vocabulary}, from which the
   * tokenizer's factory restores it ({@link TokenizerSource#restore}).
   */
  Map<String, Object> toJson();
}
