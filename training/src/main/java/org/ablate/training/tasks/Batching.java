package org.ablate.training.tasks;

import org.ablate.training.config.TrainingConfig;

/**
 * How training batches are sized: {@code batchSize} examples or padded target tokens, as {@code
 * unit} says.
 */
public record Batching(int batchSize, TrainingConfig.BatchUnit unit) {
  public static Batching of(TrainingConfig training) {
    return new Batching(training.batchSize(), training.batchUnit());
  }
}
