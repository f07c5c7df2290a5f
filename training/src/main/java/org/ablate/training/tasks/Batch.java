package org.ablate.training.tasks;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Tensor;

/**
 * One batch of training data: the tensors to feed, the key of the graph that takes them (one per
 * length bucket for unrolled models), and how much work it holds (target tokens or images).
 */
public record Batch(String graphKey, Map<Operand<?>, Tensor> feeds, long units)
    implements AutoCloseable {
  @Override
  public void close() {
    feeds.values().forEach(Tensor::close);
  }
}
