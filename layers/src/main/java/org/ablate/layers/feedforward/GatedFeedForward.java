package org.ablate.layers.feedforward;

import java.util.Locale;
import org.ablate.core.graph.CallScope;
import org.ablate.layers.dense.Activation;
import org.ablate.layers.dense.Dense;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A gated-linear-unit feed-forward block (Shazeer 2020, "GLU Variants Improve Transformer",
 * arXiv:2002.05202, eq. 6): FFN(x) = (act(x W) ⊙ x V) W_2, applied to each position, without bias
 * terms as in the paper. SwiGLU uses act = Swish_1 (x sigmoid(x)), GEGLU the exact GELU. {@code
 * [..., D] -> [..., D]}; weights {@code gate [D, F]}, {@code value [D, F]}, {@code outer [F, D]}: 3
 * D F parameters. With {@code inner_width: two_thirds} F = round(2 d_ff / 3), the paper's rule for
 * matching the 2 D d_ff weights of the two-matrix block (which also has d_ff + D biases).
 *
 * <p>Ablate's only addition: dropout on the gated product, in training, at the place the two-matrix
 * block drops its activation.
 */
public final class GatedFeedForward extends FeedForward {
  private final FeedForwardSpec spec;
  private final Activation activation;
  private final int inner;
  private final Dense gate;
  private final Dense value;
  private final Dense outer;

  public GatedFeedForward(
      String name, FeedForwardSpec spec, Activation activation, GatedConfig config) {
    super(name);
    this.spec = spec;
    this.activation = activation;
    this.inner = config.innerWidth().of(spec.dFf());
    this.gate = add(new Dense("gate", spec.dModel(), inner, false, activation));
    this.value = add(new Dense("value", spec.dModel(), inner, false, Activation.NONE));
    this.outer = add(new Dense("outer", inner, spec.dModel(), false, Activation.NONE));
  }

  @Override
  public Operand<TFloat32> call(CallScope cs, Operand<TFloat32> x) {
    checkBuilt();
    Operand<TFloat32> gated = cs.tf().math.mul(gate.call(cs, x), value.call(cs, x)); // [..., F]
    return outer.call(cs, cs.dropout(gated, spec.dropout()));
  }

  /** The gate projection W, {@code [D, F]}, followed by the activation. */
  Dense gate() {
    return gate;
  }

  /** The value projection V, {@code [D, F]}. */
  Dense value() {
    return value;
  }

  /** The output projection W_2, {@code [F, D]}. */
  Dense outer() {
    return outer;
  }

  /** The inner width F. */
  public int inner() {
    return inner;
  }

  @Override
  public String describe() {
    return "GatedFeedForward("
        + spec.dModel()
        + " -> 2 x "
        + inner
        + " -> "
        + spec.dModel()
        + ", "
        + activation.name().toLowerCase(Locale.ROOT)
        + " gate, no bias)";
  }
}
