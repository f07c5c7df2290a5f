package org.ablate.models;

import com.google.inject.AbstractModule;
import org.ablate.core.registry.Components;
import org.ablate.layers.LayersModule;
import org.ablate.models.cnn.CnnModule;
import org.ablate.models.config.ModelConfig;
import org.ablate.models.rnn.RnnModelsModule;
import org.ablate.models.transformer.TransformerModelsModule;
import org.ablate.models.vit.VitModule;

/** Every layer slot plus the {@code model} slot with all built-in architectures. */
public final class ModelsModule extends AbstractModule {
  @Override
  protected void configure() {
    install(new LayersModule());
    Components.declare(binder(), ModelConfig.SLOT);
    install(new TransformerModelsModule());
    install(new VitModule());
    install(new RnnModelsModule());
    install(new CnnModule());
  }
}
