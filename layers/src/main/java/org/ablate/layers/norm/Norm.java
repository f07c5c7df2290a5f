package org.ablate.layers.norm;

import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Layer;
import org.ablate.core.registry.SlotDef;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** A normalization over the last axis, {@code [..., D] -> [..., D]}; statistics in float32. */
public abstract class Norm extends Layer {
  /** The {@code norm_type} slot, chosen by {@code model.norm_type}. */
  public static final SlotDef<Record, NormSpec, Norm> SLOT =
      SlotDef.of("norm_type", Record.class, "normalization over the model width");

  protected final int dim;

  protected Norm(String name, int dim) {
    super(name);
    this.dim = dim;
  }

  public abstract Operand<TFloat32> call(CallScope cs, Operand<TFloat32> x);

  /** A LayerNorm over the last axis of width {@code dim}, for blocks that need one of their own. */
  public static Norm layerNorm(String name, int dim) {
    return new LayerNorm(name, dim);
  }

  public int dim() {
    return dim;
  }
}
