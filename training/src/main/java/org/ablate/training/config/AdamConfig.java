package org.ablate.training.config;

import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;

/** Adam (Kingma and Ba 2015); defaults are the Transformer paper's betas and epsilon. */
@Doc("Adam with bias correction.")
public record AdamConfig(
    @Doc("peak learning rate (the schedule scales it)")
        @Default("1e-3")
        @Range(min = 0, max = 10, exclusiveMin = true)
        double lr,
    @Doc("first-moment decay") @Default("0.9") @Range(min = 0, max = 0.999999) double beta1,
    @Doc("second-moment decay") @Default("0.98") @Range(min = 0, max = 0.999999) double beta2,
    @Doc("denominator epsilon") @Default("1e-9") @Range(min = 0, max = 1, exclusiveMin = true)
        double epsilon)
    implements OptimizerConfig {}
