package org.ablate.models.rnn;

import com.google.inject.AbstractModule;
import org.ablate.core.registry.Components;
import org.ablate.models.config.ModelConfig;
import org.ablate.models.config.RnnRowsConfig;
import org.ablate.models.config.RnnSeq2SeqConfig;

/** Registers the RNN models in the {@code model} slot. */
public final class RnnModelsModule extends AbstractModule {
  @Override
  protected void configure() {
    Components.register(
        binder(),
        ModelConfig.SLOT,
        "rnn_seq2seq",
        RnnSeq2SeqConfig.class,
        RnnFactories.Seq2Seq.class);
    Components.register(
        binder(), ModelConfig.SLOT, "rnn_rows", RnnRowsConfig.class, RnnFactories.Rows.class);
  }
}
