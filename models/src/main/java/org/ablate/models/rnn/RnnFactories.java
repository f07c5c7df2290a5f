package org.ablate.models.rnn;

import com.google.inject.Inject;
import org.ablate.core.config.ConfigException;
import org.ablate.core.registry.ComponentFactory;
import org.ablate.models.DataSpec;
import org.ablate.models.Model;
import org.ablate.models.config.RnnRowsConfig;
import org.ablate.models.config.RnnSeq2SeqConfig;

/** Factories of the RNN models. */
public final class RnnFactories {
  private RnnFactories() {}

  static final class Seq2Seq implements ComponentFactory<RnnSeq2SeqConfig, DataSpec, Model> {
    private final RnnParts parts;

    @Inject
    Seq2Seq(RnnParts parts) {
      this.parts = parts;
    }

    @Override
    public Model create(String name, DataSpec data, RnnSeq2SeqConfig config) {
      if (data.targetVocabulary() <= 0) {
        throw new ConfigException(
            "model.type=rnn_seq2seq needs a sequence-to-sequence task (data.type: copy, reverse, sort or translation).");
      }
      return new RnnSeq2Seq(name, config, data, parts);
    }
  }

  static final class Rows implements ComponentFactory<RnnRowsConfig, DataSpec, Model> {
    private final RnnParts parts;

    @Inject
    Rows(RnnParts parts) {
      this.parts = parts;
    }

    @Override
    public Model create(String name, DataSpec data, RnnRowsConfig config) {
      if (data.imageHeight() <= 0) {
        throw new ConfigException(
            "model.type=rnn_rows needs image data (data.type: fashion_mnist).");
      }
      return new RnnRowsClassifier(name, config, data, parts);
    }
  }
}
