package org.ablate.experiments.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.ablate.api.Ablate;
import org.ablate.core.AblateException;
import org.ablate.experiments.run.TrainedRun;
import org.ablate.training.io.JsonFiles;
import org.ablate.training.tasks.Evaluation;
import org.ablate.training.tasks.Split;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code ablate eval RUN [--split dev|test|NAME] [--details FILE]}: metrics of a run's best
 * checkpoint on a split or on one of its extra test sets, with the per-example figures that paired
 * tests need written to a new file on request.
 */
final class EvalCommand implements Command {
  @Override
  public String name() {
    return "eval";
  }

  @Override
  public String synopsis() {
    return "RUN [--split dev|test|NAME] [--details FILE]";
  }

  @Override
  public String summary() {
    return "evaluate a run's best checkpoint on the dev or test split, or an extra test set";
  }

  @Override
  public Options options() {
    return CommonOptions.with(
        CommonOptions.runOption(),
        Option.builder()
            .longOpt("split")
            .hasArg()
            .argName("SPLIT")
            .desc(
                "dev, test (default), or the name of one of the run's extra test sets (heldout"
                    + " for a corpus with data.heldout_size)")
            .build(),
        Option.builder()
            .longOpt("details")
            .hasArg()
            .argName("FILE")
            .desc(
                "also write the per-example figures (as test_details.jsonl holds them, for"
                    + " ./ablate compare's paired tests) to FILE, a new file")
            .build());
  }

  @Override
  public int execute(CommandLine line, PrintStream out, PrintStream err) {
    String split = line.getOptionValue("split", "test");
    Path details = line.hasOption("details") ? Path.of(line.getOptionValue("details")) : null;
    if (details != null && Files.exists(details)) {
      throw new UsageException(
          "--details " + details + " exists; Ablate does not overwrite it. Name a new file.");
    }
    Path runFolder = CommonOptions.runFolder(line);
    Ablate ablate = CommonOptions.ablate(line);
    try (TrainedRun run = new TrainedRun(runFolder, ablate.injection(), ablate.loader())) {
      Evaluation evaluation;
      if (split.equals("dev") || split.equals("test")) {
        evaluation =
            run.assembly.task.evaluate(run.session, Split.valueOf(split.toUpperCase(Locale.ROOT)));
      } else {
        Map<String, Evaluation> extra = run.assembly.task.evaluateExtraTests(run.session);
        evaluation = extra.get(split);
        if (evaluation == null) {
          throw new UsageException(
              "--split must be dev, test"
                  + extra.keySet().stream().map(n -> ", " + n).collect(Collectors.joining())
                  + " (the extra test sets of "
                  + runFolder
                  + "), got '"
                  + split
                  + "'");
        }
      }
      out.println("checkpoint: " + run.checkpoint.dir() + " (step " + run.checkpoint.step() + ")");
      evaluation.metrics().forEach((k, v) -> out.printf(Locale.ROOT, "%-26s %.4f%n", k, v));
      if (details != null) {
        writeNew(details, evaluation);
        out.println("details: " + details);
      }
    }
    return 0;
  }

  private static void writeNew(Path file, Evaluation evaluation) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
      try {
        Files.writeString(tmp, JsonFiles.lines(evaluation.details()));
        Files.move(tmp, file);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new AblateException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
