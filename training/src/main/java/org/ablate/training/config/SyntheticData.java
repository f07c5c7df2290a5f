package org.ablate.training.config;

import java.util.List;
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
        int testSize,
    @Doc(
            "extra test sets of test_size sequences each of exactly these lengths, for length"
                + " generalization (e.g. [20, 40, 60] after training up to 20): the final test"
                + " reports test_len<L>_<metric> for each; the model's max_length must cover the"
                + " longest")
        @Default("[]")
        List<Integer> testLengths)
    implements DataConfig, Validated {

  /** Data without extra test lengths. */
  public SyntheticData(
      Kind task, int vocab, int minLength, int maxLength, int devSize, int testSize) {
    this(task, vocab, minLength, maxLength, devSize, testSize, List.of());
  }

  /** The longest sequence of any split, the training lengths and the extra test lengths. */
  public int longest() {
    return Math.max(maxLength, testLengths.stream().mapToInt(l -> l).max().orElse(0));
  }

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
    for (int i = 0; i < testLengths.size(); i++) {
      int length = testLengths.get(i);
      checks.require(
          length >= 1 && length <= 100000,
          "test_lengths",
          checks.path("test_lengths")
              + "["
              + i
              + "]="
              + length
              + " must lie between 1 and 100000 (a sequence length in tokens).");
      checks.require(
          testLengths.indexOf(length) == i,
          "test_lengths",
          checks.path("test_lengths") + " lists " + length + " twice; list each length once.");
    }
  }
}
