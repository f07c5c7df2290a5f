package org.ablate.experiments.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ablate.api.Ablate;
import org.ablate.experiments.config.ConfigLoader;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.experiments.run.ExperimentRunner;
import org.ablate.experiments.run.Interrupts;
import org.ablate.training.loop.Progress;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code ablate run CONFIG.yaml... [--set k=v]... [--output DIR] [--resume]}. */
final class RunCommand implements Command {
  record Args(List<Path> configs, List<String> sets, Path outputDir, boolean resume) {
    static Args parse(CommandLine line) {
      boolean resume = line.hasOption("resume");
      Path out = CommonOptions.output(line);
      List<Path> configs = CommonOptions.configFiles(line, !resume);
      if (resume && out == null) {
        throw new UsageException("--resume needs --output DIR, the folder of the run to continue");
      }
      if (resume
          && configs.isEmpty()
          && !Files.isRegularFile(out.resolve(ExperimentRunner.CONFIG))) {
        throw new UsageException(out + " holds no " + ExperimentRunner.CONFIG + " to resume from");
      }
      return new Args(configs, CommonOptions.sets(line), out, resume);
    }
  }

  /** The environment's test seam {@value #PAUSE_VARIABLE}: a step to pause after (0: none). */
  static final String PAUSE_VARIABLE = "ABLATE_TEST_PAUSE_AFTER_STEP";

  static long pauseAfterStep() {
    String value = System.getenv(PAUSE_VARIABLE);
    return value != null && value.matches("[1-9][0-9]{0,17}") ? Long.parseLong(value) : 0;
  }

  @Override
  public String name() {
    return "run";
  }

  @Override
  public String synopsis() {
    return "CONFIG.yaml [MORE.yaml...] [--set key=value]... [--output DIR] [--resume]";
  }

  @Override
  public String summary() {
    return "train and evaluate one experiment";
  }

  @Override
  public Options options() {
    return CommonOptions.withOutput(
        "DIR",
        "run folder (default: a new folder under runs/)",
        CommonOptions.SET,
        Option.builder()
            .longOpt("resume")
            .desc("continue the run in --output from its last good checkpoint")
            .build());
  }

  @Override
  public int execute(CommandLine line, PrintStream out, PrintStream err) {
    Args args = Args.parse(line);
    Ablate ablate = CommonOptions.ablate(line);
    ConfigLoader loader = ablate.loader();
    List<Path> files =
        args.configs().isEmpty()
            ? List.of(args.outputDir().resolve(ExperimentRunner.CONFIG))
            : args.configs();
    ExperimentConfig config = loader.load(files, args.sets());
    ExperimentRunner.Outcome outcome =
        new ExperimentRunner(ablate.injection(), loader)
            .run(
                config,
                new ExperimentRunner.Options(
                    args.outputDir(),
                    args.resume(),
                    Progress.terminal(),
                    err,
                    Interrupts.install(),
                    pauseAfterStep()));
    if (outcome.reason().equals("interrupted")) {
      err.println(
          "interrupted; resume with: ./ablate run --output "
              + outcome.runDirectory()
              + " --resume");
      return 130;
    }
    out.println("run folder: " + outcome.runDirectory());
    out.println("results: " + outcome.runDirectory().resolve(ExperimentRunner.RESULTS));
    return 0;
  }
}
