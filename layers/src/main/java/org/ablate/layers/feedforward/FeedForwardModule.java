package org.ablate.layers.feedforward;

import com.google.inject.AbstractModule;
import org.ablate.core.config.NoOptions;
import org.ablate.core.registry.Components;
import org.ablate.layers.dense.Activation;

/**
 * Binds the feed-forward blocks ({@code feed_forward} slot): {@code relu} and {@code gelu}, and the
 * gated {@code swiglu} and {@code geglu}.
 */
public final class FeedForwardModule extends AbstractModule {
  @Override
  protected void configure() {
    Components.declare(binder(), FeedForward.SLOT);
    Components.register(
        binder(),
        FeedForward.SLOT,
        "relu",
        NoOptions.class,
        (name, spec, none) -> new PositionwiseFeedForward(name, spec, Activation.RELU));
    Components.register(
        binder(),
        FeedForward.SLOT,
        "gelu",
        NoOptions.class,
        (name, spec, none) -> new PositionwiseFeedForward(name, spec, Activation.GELU));
    Components.register(
        binder(),
        FeedForward.SLOT,
        "swiglu",
        GatedConfig.class,
        (name, spec, config) -> new GatedFeedForward(name, spec, Activation.SWISH, config));
    Components.register(
        binder(),
        FeedForward.SLOT,
        "geglu",
        GatedConfig.class,
        (name, spec, config) -> new GatedFeedForward(name, spec, Activation.GELU, config));
  }
}
