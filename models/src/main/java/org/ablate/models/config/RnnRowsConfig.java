package org.ablate.models.config;

import org.ablate.core.config.Choice;
import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;
import org.ablate.core.config.Slot;

/** An image classifier that reads the image row by row with an RNN (one row per time step). */
@Doc("RNN image classifier: each image row is one time step; the final state feeds a softmax head.")
public record RnnRowsConfig(
    @Doc("recurrent cell") @Default("gru") @Slot("rnn_cell") Choice cell,
    @Doc("hidden width") @Default("256") @Range(min = 1, max = 1048576) int hiddenSize,
    @Doc("stacked layers") @Default("1") @Range(min = 1, max = 1000) int layers,
    @Doc("bidirectional") @Default("false") boolean bidirectional,
    @Doc("dropout before the head") @Default("0.1") @Range(min = 0, max = 0.99) double dropout)
    implements ModelConfig {}
