package org.ablate.experiments.run;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.util.Map;
import java.util.Set;
import org.ablate.core.registry.Components;
import org.ablate.models.ModelFactory;
import org.ablate.models.ModelsModule;
import org.ablate.training.tasks.TaskFactory;
import org.ablate.training.tasks.TasksModule;

/** Creates the injector of one run: every layer slot, every model and every task. */
public final class Injection {
  private final Injector injector;

  public Injection() {
    this.injector = Guice.createInjector(new ModelsModule(), new TasksModule());
  }

  public Map<String, ModelFactory> models() {
    return injector.getInstance(Key.get(new TypeLiteral<Map<String, ModelFactory>>() {}));
  }

  public Map<String, TaskFactory> tasks() {
    return injector.getInstance(Key.get(new TypeLiteral<Map<String, TaskFactory>>() {}));
  }

  /** Registered names per slot, for config checks and {@code ablate list}. */
  public Map<String, Set<String>> slotNames() {
    return Components.registeredNames(injector);
  }

  public Injector injector() {
    return injector;
  }
}
