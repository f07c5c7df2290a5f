package org.ablate.training.config;

import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;

/**
 * Decoding of sequence models. Output length is capped at max_length_ratio * source length +
 * max_length_extra tokens.
 */
public record DecodeConfig(
    @Doc("beam width; 1 is greedy search") @Default("1") @Range(min = 1, max = 64) int beam,
    @Doc("GNMT length penalty alpha: score / ((5 + length) / 6)^alpha (beam > 1)")
        @Default("0.6")
        @Range(min = 0, max = 10)
        double lengthPenalty,
    @Doc("output length cap, times the source length") @Default("1.5") @Range(min = 0, max = 100)
        double maxLengthRatio,
    @Doc("output length cap, extra tokens") @Default("10") @Range(min = 1, max = 100000)
        int maxLengthExtra) {}
