package org.ablate.layers.norm;

import com.google.inject.AbstractModule;
import org.ablate.core.config.NoOptions;
import org.ablate.core.registry.Components;

/** Binds the normalizations ({@code norm_type} slot): {@code layer_norm} and {@code rms_norm}. */
public final class NormModule extends AbstractModule {
  @Override
  protected void configure() {
    Components.declare(binder(), Norm.SLOT);
    Components.register(
        binder(),
        Norm.SLOT,
        "layer_norm",
        NoOptions.class,
        (name, spec, none) -> new LayerNorm(name, spec.dim()));
    Components.register(
        binder(),
        Norm.SLOT,
        "rms_norm",
        NoOptions.class,
        (name, spec, none) -> new RmsNorm(name, spec.dim()));
  }
}
