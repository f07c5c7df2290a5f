package org.ablate.layers.feedforward;

import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Layer;
import org.ablate.core.registry.SlotDef;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A feed-forward block applied to each position: {@code [..., D] -> [..., D]}. Components of the
 * {@code feed_forward} slot extend it.
 */
public abstract class FeedForward extends Layer {
  /** The {@code feed_forward} slot, chosen by {@code model.feed_forward}. */
  public static final SlotDef<Record, FeedForwardSpec, FeedForward> SLOT =
      SlotDef.of("feed_forward", Record.class, "position-wise feed-forward network");

  protected FeedForward(String name) {
    super(name);
  }

  /** {@code x [..., D] -> [..., D]}. */
  public abstract Operand<TFloat32> call(CallScope cs, Operand<TFloat32> x);
}
