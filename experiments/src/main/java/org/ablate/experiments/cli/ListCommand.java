package org.ablate.experiments.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.Set;
import org.ablate.experiments.config.Presets;
import org.ablate.experiments.run.Injection;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** {@code ablate list}: registered components per slot, and the preset catalog. */
final class ListCommand implements Command {
  @Override
  public String name() {
    return "list";
  }

  @Override
  public String synopsis() {
    return "";
  }

  @Override
  public String summary() {
    return "list the registered components of every slot and the presets";
  }

  @Override
  public Options options() {
    return CommonOptions.with();
  }

  @Override
  public int execute(CommandLine line, PrintStream out, PrintStream err) {
    out.println("# slots: the names a config can choose (key -> registered components)");
    for (Map.Entry<String, Set<String>> e : new Injection().slotNames().entrySet()) {
      out.printf("  %-20s %s%n", e.getKey(), String.join(", ", e.getValue()));
    }
    out.println();
    out.println("# presets (use with 'preset: NAME' in an experiment file)");
    Presets presets = new Presets();
    for (String name : presets.names()) {
      out.printf("  %-22s %s%n", name, presets.description(name));
    }
    return 0;
  }
}
