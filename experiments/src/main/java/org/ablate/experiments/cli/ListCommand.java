package org.ablate.experiments.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ablate.api.Ablate;
import org.ablate.core.registry.Registry;
import org.ablate.core.registry.SlotDef;
import org.ablate.experiments.config.Presets;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code ablate list [EXPERIMENT.yaml...]}: every slot with its registered components, and the
 * presets, each with where it comes from (built in, a plugin jar, or a presets/ folder).
 */
final class ListCommand implements Command {
  @Override
  public String name() {
    return "list";
  }

  @Override
  public String synopsis() {
    return "[EXPERIMENT.yaml...] [--plugins PATH]";
  }

  @Override
  public String summary() {
    return "list every slot's components and the presets, with where each comes from";
  }

  @Override
  public Options options() {
    return CommonOptions.with();
  }

  @Override
  public int execute(CommandLine line, PrintStream out, PrintStream err) {
    List<Path> experiments = new ArrayList<>(CommonOptions.configFiles(line, false));
    if (experiments.isEmpty()) {
      experiments.add(Path.of("experiment.yaml")); // the presets/ folder of the current directory
    }
    Ablate ablate = CommonOptions.ablate(line);
    Registry registry = ablate.registry();
    out.println("# slots: the names a config can choose, and where each comes from");
    for (SlotDef<?, ?, ?> slot : registry.slots()) {
      out.println(slot.name() + ": " + slot.description());
      for (Registry.Entry e : registry.entries(slot.name())) {
        out.printf("  %-22s %s%n", e.name(), e.origin());
      }
    }
    out.println();
    out.println("# presets (use with 'preset: NAME' in an experiment file)");
    for (Presets.Preset p : ablate.loader().presets().withFoldersOf(experiments).all()) {
      out.printf("  %-22s %-10s %s%n", p.name(), p.origin(), p.about());
    }
    return 0;
  }
}
