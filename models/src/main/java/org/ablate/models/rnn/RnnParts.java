package org.ablate.models.rnn;

import com.google.inject.Inject;
import org.ablate.core.config.Choice;
import org.ablate.core.config.ConfigException;
import org.ablate.core.registry.Registry;
import org.ablate.layers.attention.Attention;
import org.ablate.layers.attention.AttentionSpec;
import org.ablate.layers.recurrent.RnnCell;
import org.ablate.layers.recurrent.RnnCellSpec;

/** Makes recurrent cells and attention functions from their slots for the RNN models. */
final class RnnParts {
  private final Registry registry;

  /** Makes cells of one configured kind. */
  interface Cells {
    RnnCell create(String name, int inputSize, int hiddenSize);
  }

  @Inject
  RnnParts(Registry registry) {
    this.registry = registry;
  }

  Cells cells(Choice cell) {
    return (name, in, hidden) ->
        registry.make(RnnCell.SLOT, cell, "model.cell", name, new RnnCellSpec(in, hidden));
  }

  /** An attention function from decoder states {@code [H]} over encoder outputs {@code [Hm]}. */
  Attention attention(Choice choice, int queryDim, int keyDim) {
    try {
      return registry.make(
          Attention.SLOT,
          choice,
          "model.attention",
          "attention",
          new AttentionSpec(queryDim, keyDim, 0.0));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "model.attention='"
              + choice.name()
              + "' cannot compare decoder states of width "
              + queryDim
              + " with encoder outputs of width "
              + keyDim
              + " ("
              + e.getMessage()
              + "); use 'general' or 'additive', or make them equal (bidirectional: false).");
    }
  }
}
