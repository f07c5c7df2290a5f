package org.ablate.layers.dense;

import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Layer;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Inverted dropout with a fixed rate; the identity outside training. No weights. */
public final class Dropout extends Layer {
  private final double rate;

  public Dropout(String name, double rate) {
    super(name);
    if (rate < 0 || rate >= 1) {
      throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
    }
    this.rate = rate;
  }

  public Operand<TFloat32> call(CallScope cs, Operand<TFloat32> x) {
    return cs.dropout(x, rate);
  }

  public double rate() {
    return rate;
  }

  @Override
  public String describe() {
    return "Dropout(" + rate + ")";
  }
}
