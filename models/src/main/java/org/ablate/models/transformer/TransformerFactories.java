package org.ablate.models.transformer;

import com.google.inject.Inject;
import org.ablate.core.config.ConfigException;
import org.ablate.core.registry.ComponentFactory;
import org.ablate.models.DataSpec;
import org.ablate.models.Model;
import org.ablate.models.config.TransformerClassifierConfig;
import org.ablate.models.config.TransformerConfig;
import org.ablate.models.config.TransformerLmConfig;

/** Factories of the Transformer-family models. */
final class TransformerFactories {
  private TransformerFactories() {}

  static final class EncoderDecoder
      implements ComponentFactory<TransformerConfig, DataSpec, Model> {
    private final Blocks blocks;

    @Inject
    EncoderDecoder(Blocks blocks) {
      this.blocks = blocks;
    }

    @Override
    public Model create(String name, DataSpec data, TransformerConfig config) {
      if (data.targetVocabulary() <= 0) {
        throw new ConfigException(
            "model.type=transformer needs a sequence-to-sequence task (data.type: copy, reverse, sort or translation).");
      }
      return new Transformer(name, config, data, blocks);
    }
  }

  static final class Classifier
      implements ComponentFactory<TransformerClassifierConfig, DataSpec, Model> {
    private final Blocks blocks;

    @Inject
    Classifier(Blocks blocks) {
      this.blocks = blocks;
    }

    @Override
    public Model create(String name, DataSpec data, TransformerClassifierConfig config) {
      if (data.sourceVocabulary() <= 0 || data.classes() <= 0) {
        throw new ConfigException(
            "model.type=transformer_classifier needs a text classification task (data.type: language_id).");
      }
      return new TransformerClassifier(name, config, data, blocks);
    }
  }

  static final class Lm implements ComponentFactory<TransformerLmConfig, DataSpec, Model> {
    private final Blocks blocks;

    @Inject
    Lm(Blocks blocks) {
      this.blocks = blocks;
    }

    @Override
    public Model create(String name, DataSpec data, TransformerLmConfig config) {
      if (data.sourceVocabulary() <= 0) {
        throw new ConfigException(
            "model.type=transformer_lm needs a language-modelling task (data.type: language_model).");
      }
      return new TransformerLm(name, config, data, blocks);
    }
  }
}
