package org.ablate.training.loop;

import org.ablate.training.graph.Optimizer;

/**
 * Runs the work of one optimizer step (its micro-batches, gradients and update) and reports the
 * loss, the gradient norm before clipping and the work done. The trainer around it owns logging,
 * evaluation, checkpoints and stopping.
 */
public interface StepExecutor extends AutoCloseable {
  /** Outcome of one step. */
  record StepResult(double loss, double gradientNorm, long units) {}

  /** Runs 1-based {@code step} with the optimizer's inputs of that step (learning rate etc.). */
  StepResult run(long step, Optimizer.StepInputs inputs);

  /** Called once when training ends (for any reason). */
  @Override
  default void close() {}
}
