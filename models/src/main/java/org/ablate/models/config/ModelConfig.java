package org.ablate.models.config;

import org.ablate.core.registry.SlotDef;
import org.ablate.models.DataSpec;
import org.ablate.models.Model;

/**
 * The {@code model:} section of an experiment; {@code type:} selects the architecture. Every
 * architecture's config record implements this interface and is registered in {@link #SLOT} with
 * its name and its factory, built in or from a plugin.
 *
 * <pre>{@code
 * model:
 *   type: transformer
 *   d_model: 256
 *   heads: 4
 * }</pre>
 */
public interface ModelConfig {
  /** The {@code model} slot: a factory makes a model from its config and the data's shape. */
  SlotDef<ModelConfig, DataSpec, Model> SLOT =
      SlotDef.of("model", ModelConfig.class, "model architecture (model.type)");
}
