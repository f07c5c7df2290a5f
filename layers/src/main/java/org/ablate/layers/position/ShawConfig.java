package org.ablate.layers.position;

import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;

/**
 * The options of Shaw et al.'s relative keys, chosen in YAML with {@code positional_encoding:
 * {type: shaw, clip: 16}} or the bare name for the paper's clipping distance.
 */
@Doc(
    "Relative position keys (Shaw et al. 2018): a learned vector per clipped relative position,"
        + " added to every key as its query sees it.")
public record ShawConfig(
    @Doc("clipping distance k: relative positions beyond +-k share the vector of +-k (paper: 16)")
        @Default("16")
        @Range(min = 1, max = 100000)
        int clip) {}
