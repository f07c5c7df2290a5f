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
}
