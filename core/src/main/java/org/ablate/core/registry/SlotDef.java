package org.ablate.core.registry;

import java.util.Objects;

/**
 * A slot: a named place in an experiment where one of several registered components is chosen by
 * name. {@code B} is the type every component's config record implements, {@code S} what the
 * factory is given besides its config (a layer's widths, a model's data shape), and {@code P} what
 * it makes.
 *
 * <p>There are two kinds of slot, registered the same way. A <em>type</em> slot selects a whole
 * config section by its {@code type:} key ({@code model}, {@code data}, {@code optimizer}...); its
 * config base {@code B} is an interface such as {@code ModelConfig}, and each name has its own
 * config record. A <em>component</em> slot ({@code attention}, {@code feed_forward}...) is chosen
 * by a key marked {@link org.ablate.core.config.Slot}; its config base is {@link Record}, and its
 * components take their options from a mapping with {@code type:} (or none, by bare name).
 *
 * <pre>{@code
 * public static final SlotDef<Record, AttentionSpec, Attention> SLOT =
 *     SlotDef.of("attention", Record.class, "score function of attention");
 * }</pre>
 */
public final class SlotDef<B, S, P> {
  private final String name;
  private final Class<B> configType;
  private final String description;

  private SlotDef(String name, Class<B> configType, String description) {
    this.name = Objects.requireNonNull(name);
    this.configType = Objects.requireNonNull(configType);
    this.description = Objects.requireNonNull(description);
  }

  /** A slot named {@code name} whose components' configs implement {@code configType}. */
  public static <B, S, P> SlotDef<B, S, P> of(
      String name, Class<B> configType, String description) {
    return new SlotDef<>(name, configType, description);
  }

  public String name() {
    return name;
  }

  public Class<B> configType() {
    return configType;
  }

  public String description() {
    return description;
  }

  /** True for a type slot (selected by a section's {@code type:} key), see the class comment. */
  public boolean selectsSections() {
    return configType != Record.class;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SlotDef<?, ?, ?> s && s.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
