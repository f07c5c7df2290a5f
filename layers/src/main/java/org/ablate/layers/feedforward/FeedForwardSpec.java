package org.ablate.layers.feedforward;

/**
 * The configuration of a position-wise feed-forward network.
 *
 * @param dModel input and output width D
 * @param dFf inner width (the paper's d_ff = 2048 for D = 512)
 * @param dropout dropout after the activation, in training
 */
public record FeedForwardSpec(int dModel, int dFf, double dropout) {}
