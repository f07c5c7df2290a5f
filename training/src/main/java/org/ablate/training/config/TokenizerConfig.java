package org.ablate.training.config;

import org.ablate.core.registry.SlotDef;
import org.ablate.training.data.Tokenizer;
import org.ablate.training.data.TokenizerSource;

/**
 * How text becomes token ids; {@code type:} selects a registered tokenizer (char, bpe, or a
 * plugin's), whose factory learns it from the training text or restores it from a run folder.
 */
public interface TokenizerConfig {
  /** The {@code tokenizer} slot. */
  SlotDef<TokenizerConfig, TokenizerSource, Tokenizer> SLOT =
      SlotDef.of("tokenizer", TokenizerConfig.class, "tokenizer (data.tokenizer.type)");

  /**
   * At most how many training texts the tokenizer learns on (0: all of them). A corpus streams only
   * this sample into memory (see {@code TextSample}), so a config with a {@code sample_size} key
   * learns on a corpus of any size in bounded memory.
   */
  default int sampleSize() {
    return 0;
  }
}
