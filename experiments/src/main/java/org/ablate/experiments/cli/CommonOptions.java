package org.ablate.experiments.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ablate.api.Ablate;
import org.ablate.experiments.sweep.SweepRunner;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** Options shared by several commands. */
final class CommonOptions {
  static final Option SET =
      Option.builder()
          .longOpt("set")
          .hasArg()
          .argName("key=value")
          .desc("override a config key (repeatable), e.g. --set model.heads=8")
          .build();
  static final Option DEBUG =
      Option.builder().longOpt("debug").desc("print stack traces of errors").build();
  static final Option HELP = Option.builder("h").longOpt("help").desc("show this help").build();
  static final Option PLUGINS =
      Option.builder()
          .longOpt("plugins")
          .hasArg()
          .argName("PATH")
          .desc(
              "load plugin components from a jar, or a folder of jars (repeatable; also the "
                  + SweepRunner.PLUGINS_VARIABLE
                  + " environment variable, paths separated by "
                  + File.pathSeparator
                  + ")")
          .build();

  private CommonOptions() {}

  /** The command's options plus those every command takes: --plugins, --debug, --help. */
  static Options with(Option... options) {
    Options o = new Options();
    for (Option opt : options) {
      o.addOption(opt);
    }
    o.addOption(PLUGINS);
    o.addOption(DEBUG);
    o.addOption(HELP);
    return o;
  }

  /**
   * The plugin locations of a command: those of the {@value SweepRunner#PLUGINS_VARIABLE}
   * environment variable, then each {@code --plugins}.
   */
  static List<Path> plugins(CommandLine line) {
    List<Path> out = new ArrayList<>();
    String env = System.getenv(SweepRunner.PLUGINS_VARIABLE);
    if (env != null) {
      for (String part : env.split(java.util.regex.Pattern.quote(File.pathSeparator))) {
        if (!part.isBlank()) {
          out.add(Path.of(part.trim()));
        }
      }
    }
    String[] values = line.getOptionValues("plugins");
    if (values != null) {
      for (String v : values) {
        if (v.isBlank()) {
          throw new UsageException("--plugins needs a path to a plugin jar or a folder of jars");
        }
        out.add(Path.of(v));
      }
    }
    return out;
  }

  /** Ablate with the command's plugins. */
  static Ablate ablate(CommandLine line) {
    return Ablate.withPlugins(plugins(line));
  }

  static List<String> sets(CommandLine line) {
    String[] values = line.getOptionValues("set");
    return values == null ? List.of() : Arrays.asList(values);
  }

  /** Positional config files; each must exist. */
  static List<Path> configFiles(CommandLine line, boolean required) {
    List<Path> files = new ArrayList<>();
    for (String arg : line.getArgList()) {
      Path p = Path.of(arg);
      if (!Files.isRegularFile(p)) {
        throw new UsageException(
            "config file '"
                + arg
                + "' does not exist (paths are relative to "
                + Path.of("").toAbsolutePath()
                + ").");
      }
      files.add(p);
    }
    if (required && files.isEmpty()) {
      throw new UsageException(
          "give at least one experiment file, e.g. configs/copy-transformer.yaml");
    }
    return files;
  }

  static int intValue(CommandLine line, String option, int fallback) {
    String v = line.getOptionValue(option);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + option + " takes a whole number, got '" + v + "'");
    }
  }
}
