package org.ablate.layers.norm;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.ablate.core.registry.Components;

/** Binds the normalizations ({@code norm_type} slot): {@code layer_norm} and {@code rms_norm}. */
public final class NormModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder<String, NormFactory> norms =
        Components.slot(
            binder(), "norm_type", NormFactory.class, "normalization over the model width");
    norms.addBinding("layer_norm").toInstance(LayerNorm::new);
    norms.addBinding("rms_norm").toInstance(RmsNorm::new);
  }
}
