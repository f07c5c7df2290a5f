package org.ablate.training.data;

import com.google.inject.AbstractModule;
import org.ablate.core.registry.Components;
import org.ablate.training.config.BpeTokenizerConfig;
import org.ablate.training.config.CharTokenizerConfig;
import org.ablate.training.config.TokenizerConfig;

/** Registers the tokenizers ({@code tokenizer} slot): {@code char} and {@code bpe}. */
public final class TokenizersModule extends AbstractModule {
  @Override
  protected void configure() {
    Components.declare(binder(), TokenizerConfig.SLOT);
    Components.register(
        binder(),
        TokenizerConfig.SLOT,
        "char",
        CharTokenizerConfig.class,
        (name, source, config) ->
            source.restoring()
                ? CharTokenizer.restore(source)
                : CharTokenizer.learn(source.texts(), config.minFrequency()));
    Components.register(
        binder(),
        TokenizerConfig.SLOT,
        "bpe",
        BpeTokenizerConfig.class,
        (name, source, config) ->
            source.restoring()
                ? BpeTokenizer.restore(source)
                : BpeTokenizer.learn(
                    TextSample.of(source.texts(), config.sampleSize()),
                    config.vocabSize(),
                    config.byteFallback()));
  }
}
