package org.ablate.experiments.cli;

import java.io.PrintStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.List;
import org.ablate.core.config.ConfigBinder;
import org.ablate.core.config.Slot;
import org.ablate.experiments.config.ConfigLoader;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.experiments.config.Presets;
import org.ablate.experiments.run.Assembly;
import org.ablate.experiments.run.Injection;
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
    Injection injection = new Injection();
    ExperimentConfig config =
        new ConfigLoader(new Presets(), injection.slotNames()).load(args.configs(), args.sets());
    out.println("# resolved config");
    out.print(ConfigLoader.resolvedYaml(config));
    try (Assembly assembly = Assembly.build(config, injection, null)) {
      out.println();
      out.println("# data");
      out.println(assembly.task.describe());
      out.println();
      out.println("# slots (model." + "key = registered component)");
      out.printf("  %-28s %s%n", "model.type", Assembly.typeName(config.model()));
      for (RecordComponent c : config.model().getClass().getRecordComponents()) {
        Slot slot = c.getAnnotation(Slot.class);
        if (slot != null) {
          try {
            out.printf(
                "  %-28s %s%n",
                "model." + ConfigBinder.keyName(c.getName()),
                c.getAccessor().invoke(config.model()));
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
          }
        }
      }
      out.println();
      out.println("# module tree (implementation and parameters of every module)");
      out.print(assembly.model.network().tree());
      out.println();
      out.printf("# total parameters: %,d%n", assembly.parameterCount());
    }
    return 0;
  }
}
