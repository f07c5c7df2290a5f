package org.ablate.training.tasks;

import java.util.Locale;

/** A held-out split of the data. */
public enum Split {
  DEV,
  TEST;

  /** The metric-name prefix, {@code dev} or {@code test}. */
  public String prefix() {
    return name().toLowerCase(Locale.ROOT);
  }
}
