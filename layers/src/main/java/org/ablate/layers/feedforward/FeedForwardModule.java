package org.ablate.layers.feedforward;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.ablate.core.registry.Components;
import org.ablate.layers.dense.Activation;

/** Binds the feed-forward blocks ({@code feed_forward} slot): {@code relu} and {@code gelu}. */
public final class FeedForwardModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder<String, FeedForwardFactory> ffn =
        Components.slot(
            binder(),
            "feed_forward",
            FeedForwardFactory.class,
            "position-wise feed-forward network");
    ffn.addBinding("relu")
        .toInstance((name, spec) -> new PositionwiseFeedForward(name, spec, Activation.RELU));
    ffn.addBinding("gelu")
        .toInstance((name, spec) -> new PositionwiseFeedForward(name, spec, Activation.GELU));
  }
}
