package org.ablate.layers.attention;

/** Creates an attention function; bound by name in the {@code attention} slot. */
@FunctionalInterface
public interface AttentionFactory {
  Attention create(String name, AttentionSpec spec);
}
