package org.ablate.layers.recurrent;

/**
 * What a recurrent cell is given besides its own options.
 *
 * @param inputSize width of each input step (In)
 * @param hiddenSize width of the state (H)
 */
public record RnnCellSpec(int inputSize, int hiddenSize) {}
