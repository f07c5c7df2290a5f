package org.ablate.experiments.run;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM end the process promptly. While the training loop runs, the first
 * signal asks it to finish the current step and write a checkpoint (a dev evaluation under way
 * finishes first, for at most {@value #GRACE_SECONDS} seconds); a second signal, or the end of the
 * grace period, exits at once. Outside the loop (reading data, building the graph, the final test)
 * there is nothing to save, so a signal exits at once. Checkpoints are written atomically, so the
 * last one on disk is intact whenever the process ends.
 */
public final class Interrupts {
  /** The longest a stop request waits for the step (or evaluation) under way. */
  static final int GRACE_SECONDS = 30;

  private static volatile boolean checkpointing;

  private Interrupts() {}

  public static AtomicBoolean install() {
    AtomicBoolean stop = new AtomicBoolean();
    for (String name : new String[] {"INT", "TERM"}) {
      int code = name.equals("INT") ? 130 : 143;
      try {
        Signal.handle(new Signal(name), s -> handle(stop, code));
      } catch (IllegalArgumentException e) {
        // signal not available on this platform: the default handling applies
      }
    }
    return stop;
  }

  /** Marks the training loop, in which a stop request is answered with a checkpoint. */
  public static void checkpointing(boolean on) {
    checkpointing = on;
  }

  private static void handle(AtomicBoolean stop, int code) {
    if (!checkpointing || stop.getAndSet(true)) {
      System.err.println("\nstopping now");
      System.err.flush();
      Runtime.getRuntime().halt(code);
    }
    System.err.println(
        "\nstop requested: finishing this step and writing a checkpoint (Ctrl-C again to quit at"
            + " once)");
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(GRACE_SECONDS * 1000L);
              } catch (InterruptedException e) {
                return;
              }
              System.err.println("\nno checkpoint within " + GRACE_SECONDS + " s: stopping now");
              System.err.flush();
              Runtime.getRuntime().halt(code);
            },
            "stop-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }
}
