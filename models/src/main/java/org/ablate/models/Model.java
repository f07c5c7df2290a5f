package org.ablate.models;

import org.ablate.core.graph.Layer;

/**
 * A composed model: its root {@link Layer} (built once into a graph) plus the calls its task needs,
 * declared by the sub-interfaces {@link Seq2SeqModel}, {@link ClassifierModel} and {@link
 * LanguageModel}.
 */
public interface Model {
  /** The root layer; {@code network().build(context.params())} creates every weight. */
  Layer network();
}
