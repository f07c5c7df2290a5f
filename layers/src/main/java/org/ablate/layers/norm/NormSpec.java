package org.ablate.layers.norm;

/**
 * What a normalization is given besides its own options.
 *
 * @param dim the width D of the last axis it normalizes
 */
public record NormSpec(int dim) {}
