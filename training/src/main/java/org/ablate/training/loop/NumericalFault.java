package org.ablate.training.loop;

import org.ablate.core.AblateException;

/** The loss or the gradient norm stopped being a finite number. */
public final class NumericalFault extends AblateException {
  public NumericalFault(long step, double loss, double gradientNorm, String checkpointNote) {
    super(
        "training diverged at step "
            + step
            + ": the loss is "
            + loss
            + " and the gradient norm "
            + gradientNorm
            + ". "
            + checkpointNote
            + " Try a lower training.optimizer.lr, a longer warmup (training.schedule.warmup),"
            + " gradient clipping (training.clip_norm: 1.0) or float32 precision.");
  }
}
