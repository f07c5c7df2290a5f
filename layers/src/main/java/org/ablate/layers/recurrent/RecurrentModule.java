package org.ablate.layers.recurrent;

import com.google.inject.AbstractModule;
import org.ablate.core.config.NoOptions;
import org.ablate.core.registry.Components;

/** Binds the recurrent cells ({@code rnn_cell} slot): {@code gru} and {@code lstm}. */
public final class RecurrentModule extends AbstractModule {
  @Override
  protected void configure() {
    Components.declare(binder(), RnnCell.SLOT);
    Components.register(
        binder(),
        RnnCell.SLOT,
        "gru",
        NoOptions.class,
        (name, spec, none) -> new GruCell(name, spec.inputSize(), spec.hiddenSize()));
    Components.register(
        binder(),
        RnnCell.SLOT,
        "lstm",
        NoOptions.class,
        (name, spec, none) -> new LstmCell(name, spec.inputSize(), spec.hiddenSize()));
  }
}
