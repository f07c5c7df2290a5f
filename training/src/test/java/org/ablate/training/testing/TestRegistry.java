package org.ablate.training.testing;

import java.util.List;
import org.ablate.core.registry.ComponentSources;
import org.ablate.core.registry.Registry;
import org.ablate.core.registry.Wiring;
import org.ablate.training.TrainingModule;

/** The registry of every built-in component, as the runner wires it, for tests. */
public final class TestRegistry {
  public static final Registry REGISTRY =
      Wiring.injector(List.of(new Wiring.Source(new TrainingModule(), ComponentSources.BUILT_IN)))
          .getInstance(Registry.class);

  private TestRegistry() {}
}
