package org.ablate.training.config;

import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;

/**
 * The {@code eval:} section: batch size, how many dev sentences to decode, decoding, and test-time
 * flips for images.
 */
public record EvalConfig(
    @Doc("examples per evaluation batch") @Default("128") @Range(min = 1, max = 1000000)
        int batchSize,
    @Doc("dev examples decoded at each evaluation for sequence metrics (0: all)")
        @Default("500")
        @Range(min = 0)
        int devDecodeSize,
    @Doc("decoding for sequence tasks") @Default("{}") DecodeConfig decode,
    @Doc(
            "images: average the class probabilities of each image and its left-right mirror image"
                + " at every evaluation (test-time augmentation); for models trained with data.flip,"
                + " as a model that never saw mirror images usually loses accuracy with it")
        @Default("false")
        boolean testTimeFlip) {}
