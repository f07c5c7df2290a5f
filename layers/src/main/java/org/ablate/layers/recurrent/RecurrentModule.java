package org.ablate.layers.recurrent;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.ablate.core.registry.Components;

/** Binds the recurrent cells ({@code rnn_cell} slot): {@code gru} and {@code lstm}. */
public final class RecurrentModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder<String, RnnCellFactory> cells =
        Components.slot(binder(), "rnn_cell", RnnCellFactory.class, "recurrent cell");
    cells.addBinding("gru").toInstance(GruCell::new);
    cells.addBinding("lstm").toInstance(LstmCell::new);
  }
}
