package org.ablate.models.vit;

import com.google.inject.AbstractModule;
import org.ablate.core.registry.Components;
import org.ablate.models.config.ModelConfig;
import org.ablate.models.config.VitConfig;

/** Registers the Vision Transformer in the {@code model} slot. */
public final class VitModule extends AbstractModule {
  @Override
  protected void configure() {
    Components.register(binder(), ModelConfig.SLOT, "vit", VitConfig.class, VitFactory.class);
  }
}
