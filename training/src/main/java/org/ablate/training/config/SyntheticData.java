package org.ablate.training.config;

import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;
import org.ablate.core.config.Validated;

/**
 * Random token sequences to copy, reverse or sort (the Annotated Transformer's first check).
 * Training sequences are drawn fresh for every batch and never equal a dev or test sequence.
 */
@Doc("Synthetic sequence transduction: copy, reverse or sort random sequences.")
public record SyntheticData(
    @Doc("copy, reverse or sort") @Default("copy") Kind task,
    @Doc("number of distinct symbols") @Default("20") @Range(min = 2, max = 100000) int vocab,
    @Doc("shortest sequence") @Default("5") @Range(min = 1, max = 100000) int minLength,
    @Doc("longest sequence") @Default("20") @Range(min = 1, max = 100000) int maxLength,
    @Doc("held-out sequences for evaluation during training")
        @Default("500")
        @Range(min = 1, max = 1000000)
        int devSize,
    @Doc("held-out sequences for the final test") @Default("500") @Range(min = 1, max = 1000000)
        int testSize)
    implements DataConfig, Validated {

  /** The transduction to learn. */
  public enum Kind {
    COPY,
    REVERSE,
    SORT
  }

  @Override
  public void validate(Checks checks) {
    checks.require(
        minLength <= maxLength,
        "min_length",
        checks.path("min_length")
            + "="
            + minLength
            + " must not exceed "
            + checks.path("max_length")
            + "="
            + maxLength
            + ".");
  }
}
