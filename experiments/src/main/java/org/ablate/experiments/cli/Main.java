package org.ablate.experiments.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ablate.core.AblateException;
import org.ablate.core.config.Suggestions;
import org.ablate.experiments.run.Provenance;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.ParseException;
import org.tensorflow.TensorFlow;

/**
 * The {@code ablate} command line. Usage errors print the command's help and exit 2; errors in
 * configs or data print one paragraph naming the file, key or line (stack traces only with {@code
 * --debug}).
 */
public final class Main {
  private static Map<String, Command> commands(InputStream stdin) {
    Map<String, Command> commands = new LinkedHashMap<>();
    for (Command c :
        new Command[] {
          new RunCommand(),
          new SweepCommand(),
          new WorkerCommand(),
          new CompareCommand(),
          new EvalCommand(),
          new TranslateCommand(stdin),
          new ExplainCommand(),
          new ListCommand(),
          new SchemaCommand(),
          new DataCommand(),
          new BenchCommand(),
          new ExportCommand()
        }) {
      commands.put(c.name(), c);
    }
    return commands;
  }

  private Main() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }

  /** Runs a command line; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, System.in);
  }

  /** Runs a command line reading standard input from {@code stdin}; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err, InputStream stdin) {
    Map<String, Command> commands = commands(stdin);
    if (args.length == 0
        || args[0].equals("--help")
        || args[0].equals("-h")
        || args[0].equals("help")) {
      overview(commands, args.length == 0 ? err : out);
      return args.length == 0 ? 2 : 0;
    }
    if (args[0].equals("--version") || args[0].equals("version")) {
      out.println("ablate " + Provenance.version() + " (TensorFlow " + TensorFlow.version() + ")");
      return 0;
    }
    Command command = commands.get(args[0]);
    if (command == null) {
      err.println(
          "ablate: unknown command '"
              + args[0]
              + "'"
              + Suggestions.didYouMean(args[0], commands.keySet())
              + ".");
      overview(commands, err);
      return 2;
    }
    String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
    boolean debug = java.util.Arrays.asList(rest).contains("--debug");
    CommandLine line;
    try {
      // exact option names only: '--resum' is an error, never taken for '--resume'
      line =
          DefaultParser.builder()
              .setAllowPartialMatching(false)
              .build()
              .parse(command.options(), rest);
    } catch (ParseException e) {
      err.println("ablate " + command.name() + ": " + e.getMessage());
      help(command, err);
      return 2;
    }
    if (line.hasOption("help")) {
      help(command, out);
      return 0;
    }
    try {
      CommonOptions.refuseRepeats(line);
      return command.execute(line, out, err);
    } catch (UsageException e) {
      err.println("ablate " + command.name() + ": " + e.getMessage());
      help(command, err);
      return 2;
    } catch (AblateException e) {
      err.println("error: " + e.getMessage());
      if (debug) {
        e.printStackTrace(err);
      }
      return e.exitCode();
    } catch (OutOfMemoryError e) {
      err.println(
          "error: ablate "
              + command.name()
              + " ran out of Java heap memory ("
              + Runtime.getRuntime().maxMemory() / (1 << 20)
              + " MB). The model, the data or a batch is too large for it: make them smaller, or"
              + " give Java more memory, e.g. ABLATE_JAVA_OPTS=-Xmx16g ./ablate ...");
      return 1;
    } catch (StackOverflowError e) {
      err.println(
          "error: ablate "
              + command.name()
              + " ran out of stack (an input nested or recursive beyond what it can follow). Check"
              + " the config and data for deeply nested or self-referring structures; rerun with"
              + " --debug to see where.");
      if (debug) {
        e.printStackTrace(err);
      }
      return 1;
    } catch (Exception e) {
      err.println(
          "internal error: "
              + e
              + " (rerun with --debug for the stack trace, and please report it)");
      if (debug) {
        e.printStackTrace(err);
      }
      return 1;
    }
  }

  static void help(Command c, PrintStream stream) {
    PrintWriter w = new PrintWriter(stream, true);
    new HelpFormatter()
        .printHelp(
            w,
            100,
            "./ablate " + c.name() + " " + c.synopsis(),
            c.summary(),
            c.options(),
            2,
            4,
            "",
            false);
    w.flush();
  }

  private static void overview(Map<String, Command> commands, PrintStream stream) {
    stream.println(
        "usage: ./ablate COMMAND [options]   (./ablate COMMAND --help for details; ./ablate"
            + " --version)");
    stream.println();
    commands.values().forEach(c -> stream.printf("  %-10s %s%n", c.name(), c.summary()));
  }
}
