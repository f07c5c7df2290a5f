package org.ablate.training.decode;

/**
 * A finished output sequence: tokens without BOS/EOS; the log-probability of each output token, the
 * EOS included when it was produced ({@code tokenLogProbs.length} is then {@code tokens.length +
 * 1}); their sum; and that score divided by the GNMT length penalty over the same length.
 */
public record Hypothesis(
    int[] tokens, double[] tokenLogProbs, double score, double normalizedScore) {
  /** True when the hypothesis ended with EOS rather than at its length limit. */
  public boolean endsWithEos() {
    return tokenLogProbs.length == tokens.length + 1;
  }
}
