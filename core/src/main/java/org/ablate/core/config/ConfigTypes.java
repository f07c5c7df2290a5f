package org.ablate.core.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the config binder, schema and writer need to know of the registry: which slot a section's
 * type interface belongs to, and each slot's names with their config record classes. The registry
 * of an injector implements it; {@link #of} makes one by hand (for tests).
 */
public interface ConfigTypes {
  /** The type slot whose sections implement {@code type}, if {@code type} is such an interface. */
  Optional<String> slotSelecting(Class<?> type);

  /** A slot's registered names and their config record classes (empty for an unknown slot). */
  Map<String, Class<?>> configs(String slot);

  /** No slots at all. */
  ConfigTypes NONE = of(Map.of(), Map.of());

  /**
   * Slots given by hand: {@code sections} maps each type interface to its slot, {@code slots} each
   * slot to its names and config classes.
   */
  static ConfigTypes of(Map<Class<?>, String> sections, Map<String, Map<String, Class<?>>> slots) {
    return new ConfigTypes() {
      @Override
      public Optional<String> slotSelecting(Class<?> type) {
        return Optional.ofNullable(sections.get(type));
      }

      @Override
      public Map<String, Class<?>> configs(String slot) {
        return new LinkedHashMap<>(slots.getOrDefault(slot, Map.of()));
      }
    };
  }

  /** The registered name of a type slot's config record class, or null. */
  default String nameOf(String slot, Class<?> config) {
    for (Map.Entry<String, Class<?>> e : configs(slot).entrySet()) {
      if (e.getValue() == config) {
        return e.getKey();
      }
    }
    return null;
  }
}
