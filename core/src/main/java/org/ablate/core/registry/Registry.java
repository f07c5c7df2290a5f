package org.ablate.core.registry;

import com.google.inject.Inject;
import com.google.inject.Injector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ablate.core.config.Choice;
import org.ablate.core.config.ConfigBinder;
import org.ablate.core.config.ConfigException;
import org.ablate.core.config.ConfigTree;
import org.ablate.core.config.ConfigTypes;
import org.ablate.core.config.Suggestions;

/**
 * Every declared slot and every registered component, indexed by name, with where each came from.
 * Models, tasks and the trainer make components through it; the config binder, schema and {@code
 * ./ablate list} read it (it is the {@link ConfigTypes} of a run).
 *
 * <pre>{@code
 * Attention a = registry.make(Attention.SLOT, config.attention(), "attention", spec);
 * Model m = registry.make(ModelConfig.SLOT, config.model(), dataSpec);
 * }</pre>
 */
public final class Registry implements ConfigTypes {
  private final Injector injector;
  private final Map<String, SlotDef<?, ?, ?>> slots = new TreeMap<>();
  private final Map<String, Map<String, Registration>> components = new TreeMap<>();
  private final Map<Class<?>, String> sectionSlots = new LinkedHashMap<>();
  private final ComponentSources sources;

  /** One component as {@code ./ablate list} shows it. */
  public record Entry(String slot, String name, Class<?> config, String origin) {}

  @Inject
  Registry(
      Injector injector,
      Set<SlotDef<?, ?, ?>> declared,
      Set<Registration> registrations,
      ComponentSources sources) {
    this.injector = injector;
    this.sources = sources;
    for (SlotDef<?, ?, ?> s : declared) {
      slots.put(s.name(), s);
      components.put(s.name(), new LinkedHashMap<>());
      if (s.selectsSections()) {
        sectionSlots.put(s.configType(), s.name());
      }
    }
    for (Registration r : registrations) {
      Map<String, Registration> names = components.get(r.slot().name());
      if (names == null) {
        throw new IllegalStateException(r + " names an undeclared slot");
      }
      if (names.putIfAbsent(r.name(), r) != null) {
        throw new IllegalStateException(r + " is registered twice");
      }
    }
  }

  /** The declared slots, by name. */
  public List<SlotDef<?, ?, ?>> slots() {
    return List.copyOf(slots.values());
  }

  /** The slot named {@code name}, if declared. */
  public Optional<SlotDef<?, ?, ?>> slot(String name) {
    return Optional.ofNullable(slots.get(name));
  }

  /** A slot's components, sorted by name, with their origins. */
  public List<Entry> entries(String slot) {
    List<Entry> out = new ArrayList<>();
    components
        .getOrDefault(slot, Map.of())
        .values()
        .forEach(r -> out.add(new Entry(slot, r.name(), r.config(), sources.of(r))));
    out.sort(Comparator.comparing(Entry::name));
    return out;
  }

  /** Every slot's registered names (slot -> names, both sorted). */
  public Map<String, Set<String>> names() {
    Map<String, Set<String>> out = new TreeMap<>();
    components.forEach(
        (slot, names) -> out.put(slot, Collections.unmodifiableSet(new TreeSet<>(names.keySet()))));
    return out;
  }

  @Override
  public Optional<String> slotSelecting(Class<?> type) {
    return Optional.ofNullable(sectionSlots.get(type));
  }

  /** A slot's names and config records, in registration order (Ablate's first, then plugins'). */
  @Override
  public Map<String, Class<?>> configs(String slot) {
    Map<String, Class<?>> out = new LinkedHashMap<>();
    components.getOrDefault(slot, Map.of()).forEach((name, r) -> out.put(name, r.config()));
    return out;
  }

  /**
   * Makes the component a type slot's config section selects (a model from {@code model:}, a task
   * from {@code data:}); the factory is given the registered name.
   */
  public <B, S, P> P make(SlotDef<B, S, P> slot, B config, S spec) {
    String name = nameOf(slot.name(), config.getClass());
    if (name == null) {
      throw new IllegalStateException(
          config.getClass().getName() + " is not registered in slot " + slot.name());
    }
    return make(slot, name, name, config, spec);
  }

  /**
   * Makes the component {@code choice} names in a component slot; {@code layerName} names the layer
   * it makes. {@code key} is the config key that chose it, for the error message.
   */
  public <S, P> P make(
      SlotDef<Record, S, P> slot, Choice choice, String key, String layerName, S spec) {
    Registration r = components.getOrDefault(slot.name(), Map.of()).get(choice.name());
    if (r == null) {
      throw unknown(slot.name(), choice.name(), key);
    }
    try {
      return make(slot, choice.name(), layerName, choice.config(), spec);
    } catch (IllegalArgumentException e) {
      // A component refusing its spec (an odd head width for rotary positions, one head for
      // talking-heads attention) is a configuration error the user can fix, named by its key.
      throw new ConfigException(
          key + "=" + choice.name() + " cannot be built: " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private <S, P> P make(SlotDef<?, S, P> slot, String name, String made, Object config, S spec) {
    Registration r = components.get(slot.name()).get(name);
    if (!r.config().isInstance(config)) {
      throw new IllegalStateException(
          r + " was given a " + config.getClass().getName() + " as its config");
    }
    // Registration ties the factory's config type to r.config(), checked just above.
    ComponentFactory<Object, S, P> factory = (ComponentFactory<Object, S, P>) r.factory(injector);
    return factory.create(made, spec, config);
  }

  /**
   * The factory of the component {@code name} of a component slot, taking its config record (as
   * tests and the Java API use it: {@code factory(Attention.SLOT, "additive").create("a", spec, new
   * NoOptions())}).
   */
  public <S, P> ComponentFactory<Record, S, P> factory(SlotDef<Record, S, P> slot, String name) {
    if (!components.getOrDefault(slot.name(), Map.of()).containsKey(name)) {
      throw unknown(slot.name(), name, slot.name());
    }
    return (layerName, spec, config) ->
        make(slot, new Choice(name, config), slot.name(), layerName, spec);
  }

  /** The config record of component {@code name} with every default (its bare-name choice). */
  public Record defaults(String slot, String name) {
    Class<?> config = configs(slot).get(name);
    if (config == null) {
      throw unknown(slot, name, slot);
    }
    return (Record) new ConfigBinder(this).bind(config, ConfigTree.empty());
  }

  /** The config error for a name that {@code slot} does not have. */
  public ConfigException unknown(String slot, String name, String key) {
    Set<String> known = new TreeSet<>(components.getOrDefault(slot, Map.of()).keySet());
    return new ConfigException(
        key
            + "='"
            + name
            + "' is not a registered "
            + slot
            + " component; known: "
            + known
            + Suggestions.didYouMean(name, known)
            + ". Run './ablate list' to see every slot and its components, or add a plugin with"
            + " --plugins.");
  }
}
