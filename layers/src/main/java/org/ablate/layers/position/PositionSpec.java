package org.ablate.layers.position;

/**
 * The configuration of a positional encoding.
 *
 * @param dModel width D of the vectors the encoding is added to
 * @param maxLength the longest sequence it must cover
 */
public record PositionSpec(int dModel, int maxLength) {}
