package org.ablate.models.cnn;

import com.google.inject.AbstractModule;
import org.ablate.core.registry.Components;
import org.ablate.models.config.CnnConfig;
import org.ablate.models.config.ModelConfig;

/** Registers the small CNN in the {@code model} slot. */
public final class CnnModule extends AbstractModule {
  @Override
  protected void configure() {
    Components.register(binder(), ModelConfig.SLOT, "cnn", CnnConfig.class, new CnnFactory());
  }
}
