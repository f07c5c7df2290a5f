package org.ablate.models.vit;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.ablate.models.ModelFactory;

/** Binds the Vision Transformer in the {@code model} slot. */
public final class VitModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder.newMapBinder(binder(), String.class, ModelFactory.class)
        .addBinding("vit")
        .to(VitFactory.class);
  }
}
