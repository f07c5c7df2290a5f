package org.ablate.layers.position;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.ablate.core.registry.Components;

/**
 * Binds the positional encodings ({@code positional_encoding} slot): {@code sinusoidal}, {@code
 * learned} and {@code none}.
 */
public final class PositionModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder<String, PositionalEncodingFactory> positions =
        Components.slot(
            binder(),
            "positional_encoding",
            PositionalEncodingFactory.class,
            "position information");
    positions.addBinding("sinusoidal").toInstance(SinusoidalPositionalEncoding::new);
    positions.addBinding("learned").toInstance(LearnedPositionalEncoding::new);
    positions.addBinding("none").toInstance(NoPositionalEncoding::new);
  }
}
