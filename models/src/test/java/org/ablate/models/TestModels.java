package org.ablate.models;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.util.Map;
import org.ablate.core.config.ConfigBinder;
import org.ablate.core.config.ConfigTree;
import org.ablate.core.config.Variant;
import org.ablate.models.config.ModelConfig;

/** Builds models from YAML snippets through the same Guice wiring the runner uses. */
public final class TestModels {
  private static final Injector INJECTOR = Guice.createInjector(new ModelsModule());

  /** Wraps the model section so the binder sees it as it appears in an experiment file. */
  public record Holder(ModelConfig model) {}

  private TestModels() {}

  public static ModelConfig config(String yaml) {
    return new ConfigBinder()
        .bind(Holder.class, ConfigTree.parse("model:\n" + yaml.indent(2), "test"))
        .model();
  }

  public static Model create(String yaml, DataSpec data) {
    ModelConfig c = config(yaml);
    Map<String, ModelFactory> factories =
        INJECTOR.getInstance(Key.get(new TypeLiteral<Map<String, ModelFactory>>() {}));
    return factories.get(c.getClass().getAnnotation(Variant.class).value()).create(c, data);
  }
}
