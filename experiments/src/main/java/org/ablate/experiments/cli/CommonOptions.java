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

  /** The options that may be given more than once; any other given twice is an error. */
  private static final java.util.Set<String> REPEATABLE = java.util.Set.of("set", "plugins");

  private CommonOptions() {}

  /**
   * Refuses a single-valued option given twice ({@code --beam 2 --beam 4}): which one was meant is
   * not for Ablate to guess.
   */
  static void refuseRepeats(CommandLine line) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Option o : line.getOptions()) {
      String name = o.getLongOpt() != null ? o.getLongOpt() : o.getOpt();
      if (!REPEATABLE.contains(name) && !seen.add(name)) {
        throw new UsageException("--" + name + " is given more than once; give it once");
      }
    }
  }

  /** {@link #with} plus the output options ({@link #output(String, String)}). */
  static Options withOutput(String argName, String description, Option... options) {
    Options o = with(options);
    for (Option opt : output(argName, description)) {
      o.addOption(opt);
    }
    return o;
  }

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

  /**
   * The output options, the same in every command: {@code --output PATH} (what the command writes:
   * a folder, or a file), with the older spellings {@code --output-dir} and {@code --out}.
   */
  static Option[] output(String argName, String description) {
    return new Option[] {
      Option.builder().longOpt("output").hasArg().argName(argName).desc(description).build(),
      Option.builder()
          .longOpt("output-dir")
          .hasArg()
          .argName(argName)
          .desc("the same as --output (older spelling)")
          .build(),
      Option.builder()
          .longOpt("out")
          .hasArg()
          .argName(argName)
          .desc("the same as --output (older spelling)")
          .build()
    };
  }

  /** The value of --output (or its older spellings), or null when none is given. */
  static Path output(CommandLine line) {
    String value = null;
    String given = null;
    for (String name : new String[] {"output", "output-dir", "out"}) {
      if (line.hasOption(name)) {
        if (given != null) {
          throw new UsageException(
              "--" + given + " and --" + name + " both name the output; give one");
        }
        given = name;
        value = line.getOptionValue(name);
      }
    }
    if (value != null && value.isBlank()) {
      throw new UsageException(
          "--" + given + " is empty; give a path (use . for the current folder)");
    }
    return value == null ? null : Path.of(value);
  }

  /** The option naming a run folder the old way ({@code --run DIR}); the folder is positional. */
  static Option runOption() {
    return Option.builder()
        .longOpt("run")
        .hasArg()
        .argName("DIR")
        .desc("the same as the positional RUN folder (older spelling)")
        .build();
  }

  /** The run folder of eval, translate and export: positional, or --run. */
  static Path runFolder(CommandLine line) {
    List<String> rest = line.getArgList();
    String run = line.getOptionValue("run");
    if (rest.size() > 1 || (run != null && !rest.isEmpty())) {
      throw new UsageException("give one run folder");
    }
    if (run == null && rest.isEmpty()) {
      throw new UsageException("give the run folder, e.g. runs/copy-transformer-20261202-101500");
    }
    Path dir = Path.of(run != null ? run : rest.get(0));
    if (!Files.isDirectory(dir)) {
      throw new UsageException(
          "run folder '" + dir + "' " + (Files.exists(dir) ? "is not a folder" : "does not exist"));
    }
    if (!Files.isRegularFile(dir.resolve("config.yaml"))) {
      throw new UsageException(dir + " is not a run folder (it has no config.yaml)");
    }
    return dir;
  }

  /** Ablate with the command's plugins. */
  static Ablate ablate(CommandLine line) {
    return Ablate.withPlugins(plugins(line));
  }

  static List<String> sets(CommandLine line) {
    String[] values = line.getOptionValues("set");
    return values == null ? List.of() : Arrays.asList(values);
  }

  /** Positional config files; each must exist and be a file. */
  static List<Path> configFiles(CommandLine line, boolean required) {
    List<Path> files = new ArrayList<>();
    for (String arg : line.getArgList()) {
      Path p = Path.of(arg);
      if (Files.isDirectory(p)) {
        throw new UsageException("config file '" + arg + "' is a folder; give a YAML file in it");
      }
      if (Files.exists(p) && !Files.isRegularFile(p)) {
        throw new UsageException(
            "config file '"
                + arg
                + "' is not a regular file (a pipe or device); save it as a file");
      }
      if (!Files.exists(p)) {
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
