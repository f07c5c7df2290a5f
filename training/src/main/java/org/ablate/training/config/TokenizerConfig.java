package org.ablate.training.config;

/** How text becomes token ids; {@code type:} char or bpe. */
public sealed interface TokenizerConfig permits CharTokenizerConfig, BpeTokenizerConfig {}
