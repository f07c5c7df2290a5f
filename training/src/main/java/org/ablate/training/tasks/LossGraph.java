package org.ablate.training.tasks;

import org.ablate.training.graph.Losses;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** The training loss of one graph key (a length bucket, or the single graph of a dynamic model). */
public record LossGraph(String key, Losses.Terms terms, Operand<TFloat32> loss) {}
