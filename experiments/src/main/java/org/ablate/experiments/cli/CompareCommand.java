package org.ablate.experiments.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ablate.experiments.report.Reports;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code ablate compare DIR... [--out DIR] [--title TEXT]}: tables, tests and plots across runs.
 */
final class CompareCommand implements Command {
  record Args(List<Path> dirs, Path out, String title) {}

  @Override
  public String name() {
    return "compare";
  }

  @Override
  public String synopsis() {
    return "DIR... [--output DIR] [--title TEXT]";
  }

  @Override
  public String summary() {
    return "compare finished runs or sweeps: summary.csv, report.md and report.html with CIs, tests and plots";
  }

  @Override
  public Options options() {
    return CommonOptions.withOutput(
        "DIR",
        "report folder (default: FIRST_DIR/report)",
        Option.builder().longOpt("title").hasArg().argName("TEXT").desc("report title").build());
  }

  @Override
  public int execute(CommandLine line, PrintStream out, PrintStream err) throws Exception {
    List<Path> dirs = new ArrayList<>();
    for (String a : line.getArgList()) {
      Path p = Path.of(a);
      if (!Files.isDirectory(p)) {
        throw new UsageException("'" + a + "' is not a folder");
      }
      dirs.add(p);
    }
    if (dirs.isEmpty()) {
      throw new UsageException("give one or more run or sweep folders");
    }
    Args args =
        new Args(
            dirs,
            Objects.requireNonNullElse(CommonOptions.output(line), dirs.get(0).resolve("report")),
            line.getOptionValue("title", "Comparison"));
    out.print(Reports.write(args.dirs(), args.out(), args.title()));
    out.println();
    out.println("report: " + args.out().resolve("report.html") + " (also report.md, summary.csv)");
    return 0;
  }
}
