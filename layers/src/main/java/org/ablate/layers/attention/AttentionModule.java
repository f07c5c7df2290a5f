package org.ablate.layers.attention;

import com.google.inject.AbstractModule;
import org.ablate.core.config.NoOptions;
import org.ablate.core.registry.Components;

/**
 * Binds the attention functions ({@code attention} slot) and the multi-head wrapper ({@code
 * multi_head} slot) by their YAML names.
 */
public final class AttentionModule extends AbstractModule {
  @Override
  protected void configure() {
    Components.declare(binder(), Attention.SLOT);
    Components.register(
        binder(),
        Attention.SLOT,
        "scaled_dot_product",
        NoOptions.class,
        (name, spec, none) -> new ScaledDotProductAttention(name, spec));
    Components.register(
        binder(),
        Attention.SLOT,
        "dot_product",
        NoOptions.class,
        (name, spec, none) -> new DotProductAttention(name, spec));
    Components.register(
        binder(),
        Attention.SLOT,
        "general",
        NoOptions.class,
        (name, spec, none) -> new GeneralAttention(name, spec));
    Components.register(
        binder(),
        Attention.SLOT,
        "additive",
        NoOptions.class,
        (name, spec, none) -> new AdditiveAttention(name, spec));
    Components.register(
        binder(),
        Attention.SLOT,
        "locality",
        NoOptions.class,
        (name, spec, none) -> new LocalitySelfAttention(name, spec));

    Components.declare(binder(), MultiHeadAttention.SLOT);
    Components.register(
        binder(),
        MultiHeadAttention.SLOT,
        "standard",
        MultiHeadConfig.class,
        (name, parts, config) ->
            new MultiHeadAttention(
                name, parts.spec(), parts.attention(), parts.relative(), config));
  }
}
