package org.ablate.layers.embedding;

import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Initializer;
import org.ablate.core.graph.Layer;
import org.ablate.core.graph.ParamScope;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Token embeddings {@code embeddings [V, D]}: ids {@code [B, T]} to vectors {@code [B, T, D]},
 * multiplied by sqrt(D) when {@code scaled} (Vaswani et al. 2017, section 3.4). Initialized from
 * N(0, D^-1/2) so scaled embeddings start with unit variance. {@link #logits} reuses the table as
 * the output projection (weight tying).
 */
public final class TokenEmbedding extends Layer {
  private final int vocabulary;
  private final int dModel;
  private final boolean scaled;
  private Variable<TFloat32> table;

  public TokenEmbedding(String name, int vocabulary, int dModel, boolean scaled) {
    super(name);
    this.vocabulary = vocabulary;
    this.dModel = dModel;
    this.scaled = scaled;
  }

  @Override
  protected void createParams(ParamScope scope) {
    table =
        param(
            scope,
            "embeddings",
            new long[] {vocabulary, dModel},
            Initializer.truncatedNormal(Math.pow(dModel, -0.5)));
  }

  /** {@code ids [...] -> [..., D]}. */
  public Operand<TFloat32> call(CallScope cs, Operand<TInt32> ids) {
    checkBuilt();
    Operand<TFloat32> e = cs.tf().gather(table, ids, cs.tf().constant(0));
    return scaled ? cs.tf().math.mul(e, cs.tf().constant((float) Math.sqrt(dModel))) : e;
  }

  /** Tied output projection: {@code h [..., D] -> [..., V]} = h E^T. */
  public Operand<TFloat32> logits(CallScope cs, Operand<TFloat32> h) {
    checkBuilt();
    return cs.project(h, table, true);
  }

  public int vocabulary() {
    return vocabulary;
  }

  public int dModel() {
    return dModel;
  }

  @Override
  public String describe() {
    return "TokenEmbedding("
        + vocabulary
        + " x "
        + dModel
        + (scaled ? ", scaled by sqrt(d)" : "")
        + ")";
  }
}
