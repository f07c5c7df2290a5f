package org.ablate.models;

import java.util.List;
import org.ablate.core.config.ConfigBinder;
import org.ablate.core.config.ConfigTree;
import org.ablate.core.registry.ComponentSources;
import org.ablate.core.registry.Registry;
import org.ablate.core.registry.Wiring;
import org.ablate.models.config.ModelConfig;

/** Builds models from YAML snippets through the same registry the runner uses. */
public final class TestModels {
  /** The built-in layers and models. */
  public static final Registry REGISTRY =
      Wiring.injector(List.of(new Wiring.Source(new ModelsModule(), ComponentSources.BUILT_IN)))
          .getInstance(Registry.class);

  /** Wraps the model section so the binder sees it as it appears in an experiment file. */
  public record Holder(ModelConfig model) {}

  private TestModels() {}

  public static ModelConfig config(String yaml) {
    return new ConfigBinder(REGISTRY)
        .bind(Holder.class, ConfigTree.parse("model:\n" + yaml.indent(2), "test"))
        .model();
  }

  public static Model create(String yaml, DataSpec data) {
    return REGISTRY.make(ModelConfig.SLOT, config(yaml), data);
  }
}
