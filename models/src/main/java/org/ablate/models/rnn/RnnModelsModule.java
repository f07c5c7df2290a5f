package org.ablate.models.rnn;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.ablate.models.ModelFactory;

/** Binds the RNN models in the {@code model} slot. */
public final class RnnModelsModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder<String, ModelFactory> models =
        MapBinder.newMapBinder(binder(), String.class, ModelFactory.class);
    models.addBinding("rnn_seq2seq").to(RnnFactories.Seq2Seq.class);
    models.addBinding("rnn_rows").to(RnnFactories.Rows.class);
  }
}
