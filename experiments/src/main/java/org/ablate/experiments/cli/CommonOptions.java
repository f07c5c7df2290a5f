package org.ablate.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

  private CommonOptions() {}

  static Options with(Option... options) {
    Options o = new Options();
    for (Option opt : options) {
      o.addOption(opt);
    }
    o.addOption(DEBUG);
    o.addOption(HELP);
    return o;
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
