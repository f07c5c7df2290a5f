package org.ablate.layers.recurrent;

/** Creates a recurrent cell; bound by name in the {@code rnn_cell} slot. */
@FunctionalInterface
public interface RnnCellFactory {
  RnnCell create(String name, int inputSize, int hiddenSize);
}
