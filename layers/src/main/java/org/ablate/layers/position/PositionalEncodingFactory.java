package org.ablate.layers.position;

/** Creates a positional encoding; bound by name in the {@code positional_encoding} slot. */
@FunctionalInterface
public interface PositionalEncodingFactory {
  PositionalEncoding create(String name, PositionSpec spec);
}
