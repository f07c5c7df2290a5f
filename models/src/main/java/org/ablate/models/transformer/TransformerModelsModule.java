package org.ablate.models.transformer;

import com.google.inject.AbstractModule;
import org.ablate.core.registry.Components;
import org.ablate.models.config.ModelConfig;
import org.ablate.models.config.TransformerClassifierConfig;
import org.ablate.models.config.TransformerConfig;
import org.ablate.models.config.TransformerLmConfig;

/** Registers the Transformer-family models in the {@code model} slot. */
public final class TransformerModelsModule extends AbstractModule {
  @Override
  protected void configure() {
    Components.register(
        binder(),
        ModelConfig.SLOT,
        "transformer",
        TransformerConfig.class,
        TransformerFactories.EncoderDecoder.class);
    Components.register(
        binder(),
        ModelConfig.SLOT,
        "transformer_classifier",
        TransformerClassifierConfig.class,
        TransformerFactories.Classifier.class);
    Components.register(
        binder(),
        ModelConfig.SLOT,
        "transformer_lm",
        TransformerLmConfig.class,
        TransformerFactories.Lm.class);
  }
}
