package org.ablate.layers.position;

import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;

/**
 * The options of T5's relative position bias, chosen in YAML with {@code positional_encoding:
 * {type: t5_bias, buckets: 32, max_distance: 128}} or the bare name for T5's values.
 */
@Doc(
    "T5 relative position bias (Raffel et al. 2020): a learned scalar per head and bucket of"
        + " relative position, added to the scores of every self-attention.")
public record T5BiasConfig(
    @Doc(
            "relative-position buckets (T5: 32), half for keys before the query and half for keys"
                + " after; in each half, the first quarter of all buckets hold one distance each and"
                + " the rest grow logarithmically")
        @Default("32")
        @Range(min = 4, max = 1024)
        int buckets,
    @Doc("distance from which all positions share the last bucket of their half (T5: 128)")
        @Default("128")
        @Range(min = 2, max = 1000000)
        int maxDistance) {}
