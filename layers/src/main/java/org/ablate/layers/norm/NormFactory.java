package org.ablate.layers.norm;

/** Creates a normalization layer of width {@code dim}; bound by name in the {@code norm} slot. */
@FunctionalInterface
public interface NormFactory {
  Norm create(String name, int dim);
}
