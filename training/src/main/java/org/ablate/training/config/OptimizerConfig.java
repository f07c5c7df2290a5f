package org.ablate.training.config;

/** The optimizer; {@code type:} adam or adamw. */
public sealed interface OptimizerConfig permits AdamConfig, AdamWConfig {
  double lr();

  double beta1();

  double beta2();

  double epsilon();

  /** Decoupled weight decay (0 for Adam). */
  double weightDecay();
}
