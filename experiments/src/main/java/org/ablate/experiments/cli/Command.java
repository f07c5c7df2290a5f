package org.ablate.experiments.cli;

import java.io.PrintStream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** One {@code ablate} subcommand: its options, a one-line summary, and what it does. */
interface Command {
  String name();

  /** Argument synopsis after the command name, e.g. {@code CONFIG.yaml [options]}. */
  String synopsis();

  String summary();

  Options options();

  /** Runs the command; returns the exit code. Usage errors throw {@link UsageException}. */
  int execute(CommandLine line, PrintStream out, PrintStream err) throws Exception;
}
