package org.ablate.models.rnn;

import com.google.inject.Inject;
import java.util.Map;
import java.util.TreeSet;
import org.ablate.core.config.ConfigException;
import org.ablate.core.config.Suggestions;
import org.ablate.core.registry.Components;
import org.ablate.layers.attention.Attention;
import org.ablate.layers.attention.AttentionFactory;
import org.ablate.layers.attention.AttentionSpec;
import org.ablate.layers.recurrent.RnnCellFactory;

/** Picks recurrent cells and attention functions from their slots for the RNN models. */
final class RnnParts {
  private final Map<String, RnnCellFactory> cells;
  private final Map<String, AttentionFactory> attentions;

  @Inject
  RnnParts(Map<String, RnnCellFactory> cells, Map<String, AttentionFactory> attentions) {
    this.cells = cells;
    this.attentions = attentions;
  }

  RnnCellFactory cells(String name) {
    return Components.pick(cells, name, "model.cell");
  }

  /** An attention function from decoder states {@code [H]} over encoder outputs {@code [Hm]}. */
  Attention attention(String name, int queryDim, int keyDim) {
    AttentionFactory factory = attentions.get(name);
    if (factory == null) {
      TreeSet<String> known = new TreeSet<>(attentions.keySet());
      known.add("none");
      throw new ConfigException(
          "model.attention='"
              + name
              + "' is not known; choose one of "
              + known
              + Suggestions.didYouMean(name, known)
              + ".");
    }
    try {
      return factory.create("attention", new AttentionSpec(queryDim, keyDim, 0.0));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "model.attention='"
              + name
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
