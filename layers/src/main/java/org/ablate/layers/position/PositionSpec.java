package org.ablate.layers.position;

/**
 * The configuration of a positional encoding.
 *
 * @param dModel width D of the vectors the encoding is added to
 * @param maxLength the longest sequence it must cover
 * @param heads attention heads H of the self-attention it may act in (relative positions such as
 *     rotary and ALiBi work per head, on head width D / H)
 */
public record PositionSpec(int dModel, int maxLength, int heads) {
  /** A spec for encodings added to the input, with one head. */
  public PositionSpec(int dModel, int maxLength) {
    this(dModel, maxLength, 1);
  }

  /** The head width D / H. */
  public int headDim() {
    return dModel / heads;
  }
}
