package org.ablate.core.config;

import java.util.Objects;

/**
 * The value of a key that chooses a component of a slot (a key marked {@link Slot}): the registered
 * name and the component's own config record. In YAML the choice is the bare name, {@code
 * attention: scaled_dot_product}, or a mapping with the component's options, {@code attention:
 * {type: talking_heads, mix_weights: false}}. A component without options has a {@link NoOptions}
 * config.
 */
public record Choice(String name, Record config) {
  public Choice {
    Objects.requireNonNull(name);
    Objects.requireNonNull(config);
  }

  /** A choice of a component without options. */
  public static Choice of(String name) {
    return new Choice(name, new NoOptions());
  }

  /** True when the choice is {@code name}. */
  public boolean is(String name) {
    return this.name.equals(name);
  }

  @Override
  public String toString() {
    return config.getClass().getRecordComponents().length == 0 ? name : name + " " + config;
  }
}
