package org.ablate.models.cnn;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.ablate.models.ModelFactory;

/** Binds the CNN baseline in the {@code model} slot. */
public final class CnnModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder.newMapBinder(binder(), String.class, ModelFactory.class)
        .addBinding("cnn")
        .toInstance(new CnnFactory());
  }
}
