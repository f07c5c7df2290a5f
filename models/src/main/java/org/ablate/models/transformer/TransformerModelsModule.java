package org.ablate.models.transformer;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.ablate.models.ModelFactory;

/** Binds the Transformer-family models in the {@code model} slot. */
public final class TransformerModelsModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder<String, ModelFactory> models =
        MapBinder.newMapBinder(binder(), String.class, ModelFactory.class);
    models.addBinding("transformer").to(TransformerFactories.EncoderDecoder.class);
    models.addBinding("transformer_classifier").to(TransformerFactories.Classifier.class);
    models.addBinding("transformer_lm").to(TransformerFactories.Lm.class);
  }
}
