package org.ablate.training.config;

import org.ablate.core.registry.SlotDef;
import org.ablate.training.graph.UpdateRule;

/**
 * The optimizer; {@code type:} selects a registered one (adam, adamw, or a plugin's), whose factory
 * makes the {@link UpdateRule} the trainer applies.
 */
public interface OptimizerConfig {
  /** The {@code optimizer} slot. */
  SlotDef<OptimizerConfig, Void, UpdateRule> SLOT =
      SlotDef.of("optimizer", OptimizerConfig.class, "optimizer (training.optimizer.type)");

  /** The peak learning rate, which the schedule scales. */
  double lr();
}
