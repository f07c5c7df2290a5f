package org.ablate.layers.position;

import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;

/**
 * The options of rotary positions, chosen in YAML with {@code positional_encoding: {type: rotary,
 * base: 500000}} or the bare name for the paper's base.
 */
@Doc("Rotary positions (Su et al. 2021): queries and keys rotated by position-dependent angles.")
public record RotaryConfig(
    @Doc(
            "base b of the rotation frequencies theta_i = b^(-2i/Dh) (the paper's 10000; larger"
                + " bases rotate more slowly)")
        @Default("10000")
        @Range(min = 2, max = 1e12)
        double base) {}
