package org.ablate.training.config;

import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;

/** Text classification on a parallel corpus: is a line the source or the target language? */
@Doc(
    "Language identification: each side of every corpus pair is an example labelled with its language.")
public record LanguageIdData(
    @Doc("corpus folder with train/dev/test.tsv") @Default("data/gettext-en-fr") String corpus,
    @Doc("tokenizer learned on the training split") @Default("{type: char}")
        TokenizerConfig tokenizer,
    @Doc("lines are truncated to this many tokens") @Default("64") @Range(min = 2, max = 100000)
        int maxLength)
    implements DataConfig {}
