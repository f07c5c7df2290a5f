package org.ablate.training.config;

import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;

/** Fashion-MNIST from its four IDX files (Debian package dataset-fashion-mnist). */
@Doc("Fashion-MNIST image classification (60,000 training and 10,000 test images, 10 classes).")
public record FashionMnistData(
    @Doc("folder with the four IDX .gz files") @Default("/usr/share/datasets/fashion-mnist")
        String dir,
    @Doc("training images held out as the dev split (the last ones)")
        @Default("5000")
        @Range(min = 1)
        int devSize,
    @Doc("use only the first N training images (null: all); for quick runs") @Default("null")
        Integer trainLimit,
    @Doc("training-time augmentation: mirror each image left-right with probability 1/2")
        @Default("false")
        boolean flip,
    @Doc(
            "training-time augmentation: shift each image by up to this many pixels in each direction (zero fill)")
        @Default("0")
        @Range(min = 0, max = 8)
        int shift,
    @Doc(
            "training-time augmentation: random erasing (Zhong et al. 2020) with this probability: a random rectangle of 2-40% of the image, aspect 0.3-3.3, filled with uniform noise (the paper uses 0.5; 0: off)")
        @Default("0")
        @Range(min = 0, max = 1)
        double erase)
    implements DataConfig {}
