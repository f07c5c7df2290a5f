package org.ablate.experiments.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.ablate.api.Ablate;
import org.ablate.experiments.run.TrainedRun;
import org.ablate.training.tasks.Split;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code ablate eval RUN [--split dev|test]}: metrics of a run's best checkpoint. */
final class EvalCommand implements Command {
  record Args(Path run, Split split) {}

  @Override
  public String name() {
    return "eval";
  }

  @Override
  public String synopsis() {
    return "RUN [--split dev|test]";
  }

  @Override
  public String summary() {
    return "evaluate a run's best checkpoint on the dev or test split";
  }

  @Override
  public Options options() {
    return CommonOptions.with(
        CommonOptions.runOption(),
        Option.builder()
            .longOpt("split")
            .hasArg()
            .argName("SPLIT")
            .desc("dev or test (default test)")
            .build());
  }

  @Override
  public int execute(CommandLine line, PrintStream out, PrintStream err) {
    String split = line.getOptionValue("split", "test");
    if (!split.equals("dev") && !split.equals("test")) {
      throw new UsageException("--split must be dev or test, got '" + split + "'");
    }
    Args args = new Args(CommonOptions.runFolder(line), Split.valueOf(split.toUpperCase()));
    Ablate ablate = CommonOptions.ablate(line);
    try (TrainedRun run = new TrainedRun(args.run(), ablate.injection(), ablate.loader())) {
      Map<String, Double> metrics = run.assembly.task.evaluate(run.session, args.split()).metrics();
      out.println("checkpoint: " + run.checkpoint.dir() + " (step " + run.checkpoint.step() + ")");
      metrics.forEach((k, v) -> out.printf("%-26s %.4f%n", k, v));
    }
    return 0;
  }
}
