package org.ablate.training.loop;

import org.ablate.core.AblateException;

/** The loss, the gradient norm or a dev metric stopped being a finite number. */
public final class NumericalFault extends AblateException {
  public NumericalFault(long step, double loss, double gradientNorm, String checkpointNote) {
    this(step, "the loss is " + loss + " and the gradient norm " + gradientNorm, checkpointNote);
  }

  /** {@code what} says which numbers stopped being finite. */
  public NumericalFault(long step, String what, String checkpointNote) {
    super(
        "training diverged at step "
            + step
            + ": "
            + what
            + ". "
            + checkpointNote
            + " Try a lower training.optimizer.lr, a longer warmup (training.schedule.warmup),"
            + " gradient clipping (training.clip_norm: 1.0) or float32 precision.");
  }
}
