package org.ablate.experiments.run;

import com.google.inject.Injector;
import java.util.ArrayList;
import java.util.List;
import org.ablate.core.plugin.Plugins;
import org.ablate.core.registry.ComponentSources;
import org.ablate.core.registry.Registry;
import org.ablate.core.registry.Wiring;
import org.ablate.training.TrainingModule;

/**
 * The injector of a run: Ablate's own modules and every plugin module found (on the class path and
 * in the plugin jars given), wired once; its {@link Registry} holds every slot and component.
 */
public final class Injection {
  private final Plugins plugins;
  private final Injector injector;

  private Injection(Plugins plugins) {
    this.plugins = plugins;
    List<Wiring.Source> modules = new ArrayList<>();
    modules.add(new Wiring.Source(new TrainingModule(), ComponentSources.BUILT_IN));
    modules.addAll(plugins.modules());
    this.injector = Wiring.injector(modules);
  }

  /** Ablate's components and the plugins on the class path. */
  public static Injection builtIn() {
    return new Injection(Plugins.classPath());
  }

  /** Ablate's components and those of {@code plugins}. */
  public static Injection of(Plugins plugins) {
    return new Injection(plugins);
  }

  public Registry registry() {
    return injector.getInstance(Registry.class);
  }

  public Plugins plugins() {
    return plugins;
  }

  public Injector injector() {
    return injector;
  }
}
