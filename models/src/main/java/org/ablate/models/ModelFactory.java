package org.ablate.models;

import org.ablate.models.config.ModelConfig;

/**
 * Composes a model from its config and the data's shape; bound by type name in the {@code model}
 * slot.
 */
@FunctionalInterface
public interface ModelFactory {
  Model create(ModelConfig config, DataSpec data);
}
