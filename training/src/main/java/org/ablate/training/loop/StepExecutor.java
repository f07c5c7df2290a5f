package org.ablate.training.loop;

import org.tensorflow.types.TFloat32;

/**
 * Runs the work of one optimizer step (its micro-batches, gradients and update) and reports the
 * loss, the gradient norm before clipping and the work done. The trainer around it owns logging,
 * evaluation, checkpoints and stopping.
 */
public interface StepExecutor extends AutoCloseable {
  /** Outcome of one step. */
  record StepResult(double loss, double gradientNorm, long units) {}

  /**
   * Runs 1-based {@code step} with the given learning rate and Adam bias-correction powers
   * (beta^step).
   */
  StepResult run(long step, TFloat32 learningRate, TFloat32 beta1Power, TFloat32 beta2Power);

  /** Called once when training ends (for any reason). */
  @Override
  default void close() {}
}
