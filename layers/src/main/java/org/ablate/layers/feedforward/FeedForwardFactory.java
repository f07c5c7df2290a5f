package org.ablate.layers.feedforward;

/** Creates a feed-forward block; bound by name in the {@code feed_forward} slot. */
@FunctionalInterface
public interface FeedForwardFactory {
  PositionwiseFeedForward create(String name, FeedForwardSpec spec);
}
