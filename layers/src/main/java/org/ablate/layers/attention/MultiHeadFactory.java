package org.ablate.layers.attention;

/**
 * Creates multi-head attention around an attention function; bound in the {@code multi_head} slot.
 */
@FunctionalInterface
public interface MultiHeadFactory {
  MultiHeadAttention create(String name, MultiHeadSpec spec, Attention attention);
}
