package org.ablate.core.registry;

import com.google.inject.Binder;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.util.Types;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ablate.core.config.ConfigException;
import org.ablate.core.config.Suggestions;

/**
 * Chooses component implementations by name through Guice {@link MapBinder}s. A module declares a
 * slot and binds every implementation under its YAML name; a composition root injects {@code
 * Map<String, Factory>} and picks by the configured name. Duplicate names fail at injector
 * creation; an unknown name lists the known ones.
 *
 * <pre>{@code
 * // in a module's configure():
 * MapBinder<String, FeedForwardFactory> ffn =
 *     Components.slot(binder(), "feed_forward", FeedForwardFactory.class, "position-wise FFN");
 * ffn.addBinding("relu").to(ReluFeedForwardFactory.class);
 * // in a composition root:
 * FeedForwardFactory f = Components.pick(feedForwards, config.feedForward(), "model.feed_forward");
 * }</pre>
 */
public final class Components {
  private Components() {}

  /** Declares a slot (for listing and name checks) and returns its map binder. */
  public static <F> MapBinder<String, F> slot(
      Binder binder, String slotName, Class<F> factoryType, String description) {
    Multibinder.newSetBinder(binder, SlotInfo.class)
        .addBinding()
        .toInstance(new SlotInfo(slotName, factoryType, description));
    return MapBinder.newMapBinder(binder, String.class, factoryType);
  }

  /**
   * The implementation registered under {@code name}, or a config error naming {@code configKey}.
   */
  public static <F> F pick(Map<String, F> registered, String name, String configKey) {
    F factory = registered.get(name);
    if (factory == null) {
      Set<String> known = new TreeSet<>(registered.keySet());
      throw new ConfigException(
          configKey
              + "='"
              + name
              + "' is not a registered component; known: "
              + known
              + Suggestions.didYouMean(name, known)
              + ". Run './ablate list' to see every slot and its components.");
    }
    return factory;
  }

  /** Every declared slot with its registered names, sorted (slot -> names). */
  public static Map<String, Set<String>> registeredNames(Injector injector) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    Set<SlotInfo> slots = injector.getInstance(new Key<Set<SlotInfo>>() {});
    slots.stream()
        .sorted((a, b) -> a.name().compareTo(b.name()))
        .forEach(s -> out.put(s.name(), new TreeSet<>(registered(injector, s).keySet())));
    return out;
  }

  /** The map of implementations bound for a slot. */
  @SuppressWarnings("unchecked")
  public static Map<String, ?> registered(Injector injector, SlotInfo slot) {
    Key<?> key = Key.get(Types.mapOf(String.class, slot.factoryType()));
    return (Map<String, ?>) injector.getInstance(key);
  }
}
