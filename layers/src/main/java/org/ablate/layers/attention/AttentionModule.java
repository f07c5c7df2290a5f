package org.ablate.layers.attention;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.ablate.core.registry.Components;

/**
 * Binds the attention functions ({@code attention} slot) and the multi-head wrapper ({@code
 * multi_head} slot) by their YAML names.
 */
public final class AttentionModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder<String, AttentionFactory> attention =
        Components.slot(
            binder(), "attention", AttentionFactory.class, "score function of attention");
    attention.addBinding("scaled_dot_product").toInstance(ScaledDotProductAttention::new);
    attention.addBinding("dot_product").toInstance(DotProductAttention::new);
    attention.addBinding("general").toInstance(GeneralAttention::new);
    attention.addBinding("additive").toInstance(AdditiveAttention::new);
    attention.addBinding("locality").toInstance(LocalitySelfAttention::new);

    MapBinder<String, MultiHeadFactory> multiHead =
        Components.slot(
            binder(), "multi_head", MultiHeadFactory.class, "multi-head attention block");
    multiHead.addBinding("standard").toInstance(MultiHeadAttention::new);
  }
}
