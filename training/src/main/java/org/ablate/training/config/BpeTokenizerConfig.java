package org.ablate.training.config;

import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;

/** Byte-pair encoding (Sennrich et al. 2016) learned on the training split. */
@Doc("Byte-pair encoding learned on the training split, with a target vocabulary size.")
public record BpeTokenizerConfig(
    @Doc("vocabulary size including special tokens and characters")
        @Default("4000")
        @Range(min = 16, max = 10000000)
        int vocabSize)
    implements TokenizerConfig {}
