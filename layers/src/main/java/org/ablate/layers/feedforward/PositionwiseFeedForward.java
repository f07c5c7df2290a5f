package org.ablate.layers.feedforward;

import java.util.Locale;
import org.ablate.core.graph.CallScope;
import org.ablate.layers.dense.Activation;
import org.ablate.layers.dense.Dense;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * FFN(x) = act(x W_1 + b_1) W_2 + b_2, applied to each position separately (Vaswani et al. 2017,
 * eq. 2, with ReLU; ViT uses GELU). {@code [..., D] -> [..., D]}; weights {@code inner [D, d_ff]},
 * {@code outer [d_ff, D]} with biases: 2 D d_ff + d_ff + D parameters.
 */
public final class PositionwiseFeedForward extends FeedForward {
  private final FeedForwardSpec spec;
  private final Activation activation;
  private final Dense inner;
  private final Dense outer;

  public PositionwiseFeedForward(String name, FeedForwardSpec spec, Activation activation) {
    super(name);
    this.spec = spec;
    this.activation = activation;
    this.inner = add(new Dense("inner", spec.dModel(), spec.dFf(), true, activation));
    this.outer = add(new Dense("outer", spec.dFf(), spec.dModel()));
  }

  @Override
  public Operand<TFloat32> call(CallScope cs, Operand<TFloat32> x) {
    checkBuilt();
    return outer.call(cs, cs.dropout(inner.call(cs, x), spec.dropout()));
  }

  @Override
  public String describe() {
    return "PositionwiseFeedForward("
        + spec.dModel()
        + " -> "
        + spec.dFf()
        + " -> "
        + spec.dModel()
        + ", "
        + activation.name().toLowerCase(Locale.ROOT)
        + ")";
  }
}
