package org.ablate.experiments.run;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM ask the trainer to stop after the current step and checkpoint; a
 * second Ctrl-C exits at once (the last checkpoint on disk is still intact, since checkpoints are
 * written atomically).
 */
public final class Interrupts {
  private Interrupts() {}

  public static AtomicBoolean install() {
    AtomicBoolean stop = new AtomicBoolean();
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        Signal.handle(
            new Signal(name),
            s -> {
              if (stop.getAndSet(true)) {
                System.err.println("\nstopping now");
                Runtime.getRuntime().halt(130);
              }
              System.err.println(
                  "\nstop requested: finishing this step and writing a checkpoint (Ctrl-C again to quit at once)");
            });
      } catch (IllegalArgumentException e) {
        // signal not available on this platform: the default handling applies
      }
    }
    return stop;
  }
}
