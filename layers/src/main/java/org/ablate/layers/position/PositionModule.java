package org.ablate.layers.position;

import com.google.inject.AbstractModule;
import org.ablate.core.config.NoOptions;
import org.ablate.core.registry.Components;

/**
 * Binds the positional encodings ({@code positional_encoding} slot): {@code sinusoidal}, {@code
 * learned} and {@code none}, added to the input, and {@code rotary}, {@code alibi}, {@code t5_bias}
 * and {@code shaw}, which act inside self-attention.
 */
public final class PositionModule extends AbstractModule {
  @Override
  protected void configure() {
    Components.declare(binder(), PositionalEncoding.SLOT);
    Components.register(
        binder(),
        PositionalEncoding.SLOT,
        "sinusoidal",
        NoOptions.class,
        (name, spec, none) -> new SinusoidalPositionalEncoding(name, spec));
    Components.register(
        binder(),
        PositionalEncoding.SLOT,
        "learned",
        NoOptions.class,
        (name, spec, none) -> new LearnedPositionalEncoding(name, spec));
    Components.register(
        binder(),
        PositionalEncoding.SLOT,
        "none",
        NoOptions.class,
        (name, spec, none) -> new NoPositionalEncoding(name, spec));
    Components.register(
        binder(),
        PositionalEncoding.SLOT,
        "rotary",
        RotaryConfig.class,
        RotaryPositionalEncoding::new);
    Components.register(
        binder(),
        PositionalEncoding.SLOT,
        "alibi",
        NoOptions.class,
        (name, spec, none) -> new AlibiPositions(name, spec));
    Components.register(
        binder(), PositionalEncoding.SLOT, "t5_bias", T5BiasConfig.class, T5RelativeBias::new);
    Components.register(
        binder(), PositionalEncoding.SLOT, "shaw", ShawConfig.class, ShawRelativeKeys::new);
  }
}
