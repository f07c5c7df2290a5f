package org.ablate.layers;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.util.Types;
import java.util.Map;

/** Test access to the registered components of every slot. */
public final class Slots {
  private static final Injector INJECTOR = Guice.createInjector(new LayersModule());

  private Slots() {}

  @SuppressWarnings("unchecked")
  public static <F> Map<String, F> of(Class<F> factoryType) {
    return (Map<String, F>) INJECTOR.getInstance(Key.get(Types.mapOf(String.class, factoryType)));
  }

  public static <F> F get(Class<F> factoryType, String name) {
    F f = of(factoryType).get(name);
    if (f == null) {
      throw new IllegalArgumentException("no " + name + " in " + factoryType.getSimpleName());
    }
    return f;
  }
}
