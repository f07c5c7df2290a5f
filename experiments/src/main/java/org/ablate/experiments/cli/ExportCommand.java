package org.ablate.experiments.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.ablate.api.Ablate;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.experiments.export.ModelExporter;
import org.ablate.experiments.run.ExperimentRunner;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code ablate export RUN --format savedmodel|npz --output PATH [--force]}: a trained run as a
 * SavedModel folder or a NumPy {@code .npz} of its weights. An existing PATH is replaced only with
 * {@code --force}.
 */
final class ExportCommand implements Command {
  record Args(Path run, String format, Path out, boolean force) {
    static Args parse(CommandLine line) {
      Path run = CommonOptions.runFolder(line);
      String format = line.getOptionValue("format");
      if (format == null) {
        throw new UsageException("--format is required: savedmodel or npz");
      }
      if (!format.equals("savedmodel") && !format.equals("npz")) {
        throw new UsageException("--format must be savedmodel or npz, got '" + format + "'");
      }
      Path out = CommonOptions.output(line);
      if (out == null) {
        throw new UsageException(
            "--output PATH is required (a folder for savedmodel, a file for npz)");
      }
      return new Args(run, format, out, line.hasOption("force"));
    }
  }

  @Override
  public String name() {
    return "export";
  }

  @Override
  public String synopsis() {
    return "RUN --format savedmodel|npz --output PATH [--force]";
  }

  @Override
  public String summary() {
    return "export a trained run as a TensorFlow SavedModel or a NumPy .npz of its weights";
  }

  @Override
  public Options options() {
    return CommonOptions.withOutput(
        "PATH",
        "output folder (savedmodel) or file (npz); missing parent folders are created",
        CommonOptions.runOption(),
        Option.builder()
            .longOpt("format")
            .hasArg()
            .argName("FORMAT")
            .desc("savedmodel or npz")
            .build(),
        Option.builder().longOpt("force").desc("replace an existing output").build());
  }

  @Override
  public int execute(CommandLine line, PrintStream out, PrintStream err) throws Exception {
    Args args = Args.parse(line);
    Ablate ablate = CommonOptions.ablate(line);
    ExperimentConfig config =
        ablate.loader().load(List.of(args.run().resolve(ExperimentRunner.CONFIG)), List.of());
    try (ModelExporter exporter = new ModelExporter(args.run(), config, ablate.registry())) {
      if (args.format().equals("npz")) {
        exporter.npz(args.out(), args.force());
      } else {
        exporter.savedModel(args.out(), args.force());
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
