package org.ablate.training.decode;

/**
 * A finished output sequence: tokens without BOS/EOS, the sum of token log-probabilities (EOS
 * included when it was produced) and that score divided by the length penalty.
 */
public record Hypothesis(int[] tokens, double score, double normalizedScore) {}
