package org.ablate.core.registry;

import com.google.inject.Injector;
import java.util.Objects;

/**
 * One component as a module registers it: its slot, its name, its config record class, and its
 * factory (an instance, or a class that the injector creates with its {@code @Inject}
 * dependencies). Bound into a set by {@link Components#register}; the {@link Registry} checks and
 * indexes them.
 */
public final class Registration {
  private final SlotDef<?, ?, ?> slot;
  private final String name;
  private final Class<?> config;
  private final Object factory;
  private final Class<?> factoryClass;

  Registration(
      SlotDef<?, ?, ?> slot, String name, Class<?> config, Object factory, Class<?> factoryClass) {
    this.slot = Objects.requireNonNull(slot);
    this.name = Objects.requireNonNull(name);
    this.config = Objects.requireNonNull(config);
    this.factory = factory;
    this.factoryClass = factoryClass;
  }

  public SlotDef<?, ?, ?> slot() {
    return slot;
  }

  public String name() {
    return name;
  }

  /** The config record class of this component. */
  public Class<?> config() {
    return config;
  }

  /** The class the component comes from (its factory's), to tell where it was loaded from. */
  public Class<?> source() {
    return factoryClass != null ? factoryClass : factory.getClass();
  }

  Object factory(Injector injector) {
    return factory != null ? factory : injector.getInstance(factoryClass);
  }

  @Override
  public String toString() {
    return slot.name() + " '" + name + "' (" + config.getName() + ")";
  }
}
