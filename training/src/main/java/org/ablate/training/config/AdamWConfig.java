package org.ablate.training.config;

import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;

/**
 * AdamW (Loshchilov and Hutter 2019): Adam plus decoupled weight decay w -= lr_t * wd * w, applied
 * to matrices and embeddings only (not to biases and norm gains).
 */
@Doc("Adam with decoupled weight decay on weights of rank 2 or more.")
public record AdamWConfig(
    @Doc("peak learning rate") @Default("1e-3") @Range(min = 0, max = 10, exclusiveMin = true)
        double lr,
    @Doc("first-moment decay") @Default("0.9") @Range(min = 0, max = 0.999999) double beta1,
    @Doc("second-moment decay") @Default("0.999") @Range(min = 0, max = 0.999999) double beta2,
    @Doc("denominator epsilon") @Default("1e-8") @Range(min = 0, max = 1, exclusiveMin = true)
        double epsilon,
    @Doc("decoupled weight decay") @Default("0.01") @Range(min = 0, max = 10) double weightDecay)
    implements OptimizerConfig {}
