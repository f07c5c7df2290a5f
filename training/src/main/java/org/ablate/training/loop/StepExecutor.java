package org.ablate.training.loop;

import org.ablate.training.graph.Optimizer;

/**
 * Runs the work of one optimizer step (its micro-batches, gradients and update) and reports the
 * loss, the gradient norm before clipping and the work done. The trainer around it owns logging,
 * evaluation, checkpoints and stopping.
 */
public interface StepExecutor extends AutoCloseable {
  /**
   * Outcome of one step: its loss, gradient norm, work units (target tokens or images) and training
   * FLOPs (0 where they are not counted).
   */
  record StepResult(double loss, double gradientNorm, long units, long flops) {}

  /** Runs 1-based {@code step} with the optimizer's inputs of that step (learning rate etc.). */
  StepResult run(long step, Optimizer.StepInputs inputs);

  /** Called once when training ends (for any reason). */
  @Override
  default void close() {}
}
