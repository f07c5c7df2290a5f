package org.ablate.core.registry;

import com.google.inject.Binder;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;

/**
 * The one way a component enters Ablate, built in or from a plugin: a module's {@code configure()}
 * registers a name together with its config record class and its factory. Nothing else names it:
 * the config binder, {@code ./ablate list}, the schema and the reference all read the registry.
 *
 * <pre>{@code
 * // in a module's configure():
 * Components.register(binder(), Attention.SLOT, "talking_heads", TalkingHeadsConfig.class,
 *     (name, spec, config) -> new TalkingHeadsAttention(name, spec, config));
 * // a factory with injected dependencies is registered by class:
 * Components.register(binder(), ModelConfig.SLOT, "transformer", TransformerConfig.class,
 *     TransformerFactory.class);
 * }</pre>
 *
 * Names are lower-case words joined by underscores; a name registered twice in a slot, or a name in
 * a slot nobody declared, is an error that names both origins when the plugins are loaded.
 */
public final class Components {
  static final TypeLiteral<SlotDef<?, ?, ?>> SLOTS = new TypeLiteral<>() {};
  private static final String NAME = "[a-z][a-z0-9_]*";

  private Components() {}

  /** Declares a slot, so that components can be registered in it and listed. */
  public static void declare(Binder binder, SlotDef<?, ?, ?> slot) {
    Multibinder.newSetBinder(binder, SLOTS).addBinding().toInstance(slot);
  }

  /** Registers {@code name} in {@code slot} with its config record class and a factory. */
  public static <B, C extends B, S, P> void register(
      Binder binder,
      SlotDef<B, S, P> slot,
      String name,
      Class<C> config,
      ComponentFactory<? super C, ? super S, ? extends P> factory) {
    bind(binder, new Registration(slot, check(slot, name, config), config, factory, null));
  }

  /**
   * Registers {@code name} with a factory class that the injector creates (with its {@code @Inject}
   * constructor's dependencies).
   */
  public static <B, C extends B, S, P> void register(
      Binder binder,
      SlotDef<B, S, P> slot,
      String name,
      Class<C> config,
      Class<? extends ComponentFactory<? super C, ? super S, ? extends P>> factory) {
    bind(binder, new Registration(slot, check(slot, name, config), config, null, factory));
  }

  private static void bind(Binder binder, Registration registration) {
    Multibinder.newSetBinder(binder, Registration.class).addBinding().toInstance(registration);
  }

  private static String check(SlotDef<?, ?, ?> slot, String name, Class<?> config) {
    if (name == null || !name.matches(NAME)) {
      throw new IllegalArgumentException(
          "component name '"
              + name
              + "' in slot "
              + slot.name()
              + " must be lower-case letters, digits and underscores, starting with a letter");
    }
    if (!config.isRecord()) {
      throw new IllegalArgumentException(
          slot.name()
              + " '"
              + name
              + "': its config "
              + config.getName()
              + " must be a record (its components are the YAML keys)");
    }
    return name;
  }
}
