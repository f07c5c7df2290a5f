package org.ablate.models.config;

import java.util.List;
import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;

/** A small CNN: conv(3x3)+ReLU+2x2 max-pool blocks, a hidden dense layer, dropout and a head. */
@Doc(
    "Small CNN baseline: 3x3 conv + ReLU + 2x2 max-pool per entry of channels, then dense + dropout + head.")
public record CnnConfig(
    @Doc("output channels of each conv block") @Default("[32, 64]") List<Integer> channels,
    @Doc("hidden dense width") @Default("128") @Range(min = 1, max = 1048576) int hidden,
    @Doc("dropout before the head") @Default("0.3") @Range(min = 0, max = 0.99) double dropout)
    implements ModelConfig {}
