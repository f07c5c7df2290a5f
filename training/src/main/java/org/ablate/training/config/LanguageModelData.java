package org.ablate.training.config;

import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;

/** Language modelling on one side of a parallel corpus. */
@Doc("Next-token language modelling on one side of a parallel corpus.")
public record LanguageModelData(
    @Doc("corpus folder with train/dev/test.tsv") @Default("data/gettext-en-fr") String corpus,
    @Doc("which column: source or target") @Default("target") Side side,
    @Doc("tokenizer learned on the training split") @Default("{type: bpe}")
        TokenizerConfig tokenizer,
    @Doc("lines are truncated to this many tokens") @Default("64") @Range(min = 2, max = 100000)
        int maxLength)
    implements DataConfig {

  /** A column of the corpus. */
  public enum Side {
    SOURCE,
    TARGET
  }
}
