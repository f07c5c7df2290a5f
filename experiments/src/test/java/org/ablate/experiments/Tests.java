package org.ablate.experiments;

import org.ablate.api.Ablate;
import org.ablate.experiments.config.ConfigLoader;
import org.ablate.experiments.run.ExperimentRunner;
import org.ablate.experiments.run.Injection;

/** Ablate's built-in components, wired once for the tests of this module. */
public final class Tests {
  public static final Ablate ABLATE = Ablate.create();

  private Tests() {}

  public static Injection injection() {
    return ABLATE.injection();
  }

  public static ConfigLoader loader() {
    return ABLATE.loader();
  }

  public static ExperimentRunner runner() {
    return new ExperimentRunner(injection(), loader());
  }
}
