package org.ablate.models.transformer;

import org.ablate.core.graph.Layer;
import org.ablate.core.graph.ParamScope;

/**
 * A stack of Transformer blocks whose weights may start scaled by name (DeepNorm's beta, {@link
 * DeepNormScales#gain}).
 */
abstract class BlockStack extends Layer {
  private final DeepNormScales scales;

  BlockStack(String name, DeepNormScales scales) {
    super(name);
    this.scales = scales;
  }

  @Override
  protected ParamScope childScope(ParamScope own) {
    return scales.beta() == 1.0 ? own : own.withGain(scales.gain());
  }
}
