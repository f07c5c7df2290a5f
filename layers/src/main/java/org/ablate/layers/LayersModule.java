package org.ablate.layers;

import com.google.inject.AbstractModule;
import org.ablate.layers.attention.AttentionModule;
import org.ablate.layers.feedforward.FeedForwardModule;
import org.ablate.layers.norm.NormModule;
import org.ablate.layers.position.PositionModule;
import org.ablate.layers.recurrent.RecurrentModule;

/** Installs every layer slot: attention, multi-head, feed-forward, norm, positions, RNN cells. */
public final class LayersModule extends AbstractModule {
  @Override
  protected void configure() {
    install(new AttentionModule());
    install(new FeedForwardModule());
    install(new NormModule());
    install(new PositionModule());
    install(new RecurrentModule());
  }
}
