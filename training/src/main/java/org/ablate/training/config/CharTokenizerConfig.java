package org.ablate.training.config;

import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;

/** One token per character seen in training (rarer characters map to unknown). */
@Doc("Character-level tokens.")
public record CharTokenizerConfig(
    @Doc("characters seen fewer times in training become <unk>") @Default("1") @Range(min = 1)
        int minFrequency)
    implements TokenizerConfig {}
