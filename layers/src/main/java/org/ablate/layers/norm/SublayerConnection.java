package org.ablate.layers.norm;

import java.util.Locale;
import java.util.function.UnaryOperator;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Layer;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The residual connection with normalization around any sublayer (the Annotated Transformer's
 * SublayerConnection): {@link NormPlacement#POST} gives Norm(x + Dropout(F(x))), {@link
 * NormPlacement#PRE} gives x + Dropout(F(Norm(x))), {@link NormPlacement#SANDWICH} x +
 * Dropout(Norm_out(F(Norm(x)))) with a second norm of its own, {@link NormPlacement#DEEP}
 * Norm(alpha x + Dropout(F(x))) with the residual scale alpha. With {@code residual = false} (an
 * ablation) the {@code x +} term is dropped: Norm(Dropout(F(x))), Dropout(F(Norm(x))) or
 * Dropout(Norm_out(F(Norm(x)))). The sublayer's output must have the input's shape; a mismatch
 * fails when the graph is built, never silently.
 *
 * <p>With {@code dropPath > 0} (stochastic depth, Huang et al. 2016), each training example skips
 * the sublayer with that probability: its F term is zero and the survivors' is scaled by 1/(1 -
 * dropPath), so x + F(..) keeps its expectation. At inference F is always applied.
 *
 * <pre>{@code
 * x = connection.call(cs, x, h -> attention.call(cs, h, h, mask));
 * }</pre>
 */
public final class SublayerConnection extends Layer {
  private final Norm norm;
  private final Norm outputNorm;
  private final NormPlacement placement;
  private final double dropout;
  private final double dropPath;
  private final boolean residual;
  private final double alpha;

  public SublayerConnection(
      String name, Norm norm, NormPlacement placement, double dropout, boolean residual) {
    this(name, norm, placement, dropout, 0.0, residual);
  }

  public SublayerConnection(
      String name,
      Norm norm,
      NormPlacement placement,
      double dropout,
      double dropPath,
      boolean residual) {
    this(name, norm, null, placement, dropout, dropPath, residual, 1.0);
  }

  /**
   * A connection whose sublayer output goes through {@code outputNorm} (required for {@link
   * NormPlacement#SANDWICH}, null for the others) and whose residual is scaled by {@code alpha}
   * ({@link NormPlacement#DEEP} only; 1 for the others).
   */
  public SublayerConnection(
      String name,
      Norm norm,
      Norm outputNorm,
      NormPlacement placement,
      double dropout,
      double dropPath,
      boolean residual,
      double alpha) {
    super(name);
    if (placement != NormPlacement.DEEP && alpha != 1.0) {
      throw new IllegalArgumentException(
          "only a DEEP connection scales its residual, not " + placement);
    }
    if ((placement == NormPlacement.SANDWICH) != (outputNorm != null)) {
      throw new IllegalArgumentException(
          "a "
              + placement
              + " connection "
              + (outputNorm == null ? "needs" : "takes no")
              + " output norm");
    }
    this.norm = add(norm);
    this.outputNorm = outputNorm == null ? null : add(outputNorm);
    this.placement = placement;
    this.dropout = dropout;
    this.dropPath = dropPath;
    this.residual = residual;
    this.alpha = alpha;
  }

  public Operand<TFloat32> call(
      CallScope cs, Operand<TFloat32> x, UnaryOperator<Operand<TFloat32>> sublayer) {
    checkBuilt();
    if (placement == NormPlacement.PRE || placement == NormPlacement.SANDWICH) {
      Operand<TFloat32> f = sublayer.apply(norm.call(cs, x));
      Operand<TFloat32> y = regularize(cs, outputNorm == null ? f : outputNorm.call(cs, f));
      return residual ? residualSum(cs, x, y) : y;
    }
    Operand<TFloat32> y = regularize(cs, sublayer.apply(x));
    return norm.call(cs, residual ? residualSum(cs, x, y) : y);
  }

  private Operand<TFloat32> regularize(CallScope cs, Operand<TFloat32> y) {
    return cs.dropPath(cs.dropout(y, dropout), dropPath);
  }

  private Operand<TFloat32> residualSum(CallScope cs, Operand<TFloat32> x, Operand<TFloat32> y) {
    if (!x.shape().isCompatibleWith(y.shape())) {
      throw new IllegalStateException(
          "residual connection "
              + name()
              + ": sublayer output "
              + y.shape()
              + " does not match its input "
              + x.shape());
    }
    Operand<TFloat32> scaled =
        alpha == 1.0 ? x : cs.tf().math.mul(x, cs.tf().constant((float) alpha));
    return cs.tf().math.add(scaled, y);
  }

  public NormPlacement placement() {
    return placement;
  }

  public boolean residual() {
    return residual;
  }

  @Override
  public String describe() {
    return "SublayerConnection("
        + placement.name().toLowerCase(Locale.ROOT)
        + "-norm"
        + (residual ? "" : ", no residual")
        + (alpha == 1.0 ? "" : String.format(Locale.ROOT, ", alpha=%.4f", alpha))
        + ", dropout="
        + dropout
        + (dropPath > 0 ? ", drop_path=" + String.format(Locale.ROOT, "%.3f", dropPath) : "")
        + ")";
  }
}
