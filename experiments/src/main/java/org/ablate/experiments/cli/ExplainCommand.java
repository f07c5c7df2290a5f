package org.ablate.experiments.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ablate.api.Ablate;
import org.ablate.core.config.ConfigSchema;
import org.ablate.core.config.ConfigWriter;
import org.ablate.core.graph.Hardware;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.experiments.run.Assembly;
import org.ablate.models.config.ModelConfig;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code ablate explain CONFIG.yaml}: resolved config, composed module tree, parameter counts; no
 * training.
 */
final class ExplainCommand implements Command {
  record Args(List<Path> configs, List<String> sets) {}

  @Override
  public String name() {
    return "explain";
  }

  @Override
  public String synopsis() {
    return "CONFIG.yaml [MORE.yaml...] [--set key=value]...";
  }

  @Override
  public String summary() {
    return "show the resolved config, the composed modules and parameter counts, without training";
  }

  @Override
  public Options options() {
    return CommonOptions.with(CommonOptions.SET);
  }

  @Override
  public int execute(CommandLine line, PrintStream out, PrintStream err) {
    Args args = new Args(CommonOptions.configFiles(line, true), CommonOptions.sets(line));
    Ablate ablate = CommonOptions.ablate(line);
    ExperimentConfig config = ablate.loader().load(args.configs(), args.sets());
    out.println("# resolved config");
    out.print(ablate.resolvedYaml(config));
    try (Assembly assembly = Assembly.build(config, ablate.injection(), null)) {
      out.println();
      out.println("# data");
      out.println(assembly.task.describe());
      String precision = config.training().precision().resolve(Hardware::thisMachine).note();
      if (precision != null) {
        out.println();
        out.println("# precision on this machine");
        out.println(precision);
      }
      out.println();
      out.println("# slots (model.key = registered component)");
      out.printf("  %-28s %s%n", "model.type", assembly.modelName());
      ConfigSchema schema = new ConfigSchema(ablate.registry());
      Map<String, Object> model = new ConfigWriter(schema).toTree(new ModelSection(config.model()));
      for (ConfigSchema.Key key : schema.keys(config.model().getClass())) {
        if (key.slot() != null) {
          out.printf(
              "  %-28s %s%n",
              "model." + key.name(), describe(((Map<?, ?>) model.get("model")).get(key.name())));
        }
      }
      out.println();
      out.println("# module tree (implementation and parameters of every module)");
      out.print(assembly.model.network().tree());
      out.println();
      out.printf(Locale.ROOT, "# total parameters: %,d%n", assembly.parameterCount());
    }
    return 0;
  }

  /**
   * A written choice: its name, then its options if it has any ({@code talking_heads {mix: x}}).
   */
  private static String describe(Object choice) {
    if (!(choice instanceof Map<?, ?> m)) {
      return String.valueOf(choice);
    }
    StringBuilder options = new StringBuilder();
    m.forEach(
        (k, v) -> {
          if (!"type".equals(k)) {
            options.append(options.length() == 0 ? "" : ", ").append(k).append(": ").append(v);
          }
        });
    return m.get("type") + " {" + options + "}";
  }

  /** The model section alone, to write its component choices as the resolved config does. */
  private record ModelSection(ModelConfig model) {}
}
