package org.ablate.layers.dense;

import java.util.Locale;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Initializer;
import org.ablate.core.graph.Layer;
import org.ablate.core.graph.ParamScope;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A dense projection {@code y = act(x W + b)} over the last axis of an input of any rank: {@code
 * [..., in] -> [..., out]}. Weights: {@code kernel [in, out]} (Glorot uniform) and {@code bias
 * [out]} (zeros).
 *
 * <pre>{@code
 * Dense query = new Dense("query", 512, 512, true, Activation.NONE);
 * }</pre>
 */
public final class Dense extends Layer {
  private final int in;
  private final int out;
  private final boolean bias;
  private final Activation activation;
  private Variable<TFloat32> kernel;
  private Variable<TFloat32> biasVar;

  public Dense(String name, int in, int out, boolean bias, Activation activation) {
    super(name);
    if (in <= 0 || out <= 0) {
      throw new IllegalArgumentException(
          "dense " + name + " needs positive sizes, got " + in + "->" + out);
    }
    this.in = in;
    this.out = out;
    this.bias = bias;
    this.activation = activation;
  }

  public Dense(String name, int in, int out) {
    this(name, in, out, true, Activation.NONE);
  }

  @Override
  protected void createParams(ParamScope scope) {
    kernel = param(scope, "kernel", new long[] {in, out}, Initializer.glorotUniform());
    if (bias) {
      biasVar = param(scope, "bias", new long[] {out}, Initializer.zeros());
    }
  }

  /** {@code [..., in] -> [..., out]}. */
  public Operand<TFloat32> call(CallScope cs, Operand<TFloat32> x) {
    checkBuilt();
    Operand<TFloat32> y =
        bias ? cs.projectWithBias(x, kernel, biasVar) : cs.project(x, kernel, false);
    return activation.apply(cs.tf(), y);
  }

  public Variable<TFloat32> kernel() {
    checkBuilt();
    return kernel;
  }

  /** The bias, or null when this layer has none. */
  public Variable<TFloat32> bias() {
    checkBuilt();
    return biasVar;
  }

  public int in() {
    return in;
  }

  public int out() {
    return out;
  }

  @Override
  public String describe() {
    return "Dense("
        + in
        + " -> "
        + out
        + (bias ? "" : ", no bias")
        + (activation == Activation.NONE ? "" : ", " + activation.name().toLowerCase(Locale.ROOT))
        + ")";
  }
}
