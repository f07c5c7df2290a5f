package org.ablate.experiments.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ablate.api.Ablate;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.experiments.export.ModelExporter;
import org.ablate.experiments.run.ExperimentRunner;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code ablate export --run DIR --format savedmodel|npz --out PATH}. */
final class ExportCommand implements Command {
  record Args(Path run, String format, Path out) {
    static Args parse(CommandLine line) {
      Path run = Path.of(required(line, "run"));
      String format = required(line, "format");
      if (!format.equals("savedmodel") && !format.equals("npz")) {
        throw new UsageException("--format must be savedmodel or npz, got '" + format + "'");
      }
      if (!Files.isRegularFile(run.resolve(ExperimentRunner.CONFIG))) {
        throw new UsageException(run + " is not a run folder (no " + ExperimentRunner.CONFIG + ")");
      }
      return new Args(run, format, Path.of(required(line, "out")));
    }

    private static String required(CommandLine line, String option) {
      String v = line.getOptionValue(option);
      if (v == null) {
        throw new UsageException("--" + option + " is required");
      }
      return v;
    }
  }

  @Override
  public String name() {
    return "export";
  }

  @Override
  public String synopsis() {
    return "--run DIR --format savedmodel|npz --out PATH";
  }

  @Override
  public String summary() {
    return "export a trained run as a TensorFlow SavedModel or a NumPy .npz of its weights";
  }

  @Override
  public Options options() {
    return CommonOptions.with(
        Option.builder()
            .longOpt("run")
            .hasArg()
            .argName("DIR")
            .desc("run folder (uses its best checkpoint)")
            .build(),
        Option.builder()
            .longOpt("format")
            .hasArg()
            .argName("FORMAT")
            .desc("savedmodel or npz")
            .build(),
        Option.builder()
            .longOpt("out")
            .hasArg()
            .argName("PATH")
            .desc("output folder (savedmodel) or file (npz)")
            .build());
  }

  @Override
  public int execute(CommandLine line, PrintStream out, PrintStream err) throws Exception {
    Args args = Args.parse(line);
    Ablate ablate = CommonOptions.ablate(line);
    ExperimentConfig config =
        ablate.loader().load(List.of(args.run().resolve(ExperimentRunner.CONFIG)), List.of());
    try (ModelExporter exporter = new ModelExporter(args.run(), config, ablate.registry())) {
      if (args.format().equals("npz")) {
        exporter.npz(args.out());
      } else {
        exporter.savedModel(args.out());
      }
      out.println(
          "wrote "
              + args.out()
              + " (signature inputs "
              + exporter.signature().inputNames()
              + ", outputs "
              + exporter.signature().outputNames()
              + ")");
    }
    return 0;
  }
}
