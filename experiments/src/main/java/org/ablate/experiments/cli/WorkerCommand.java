package org.ablate.experiments.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.ablate.api.Ablate;
import org.ablate.core.config.ConfigException;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.experiments.run.ExperimentRunner;
import org.ablate.experiments.run.Interrupts;
import org.ablate.training.distributed.ClusterSpec;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.tensorflow.Server;

/**
 * {@code ablate worker CONFIG.yaml --job ps|worker --task N --output DIR}: one task of a TensorFlow
 * cluster. The ps task serves weights until it is stopped; worker 0 (the chief) trains, evaluates
 * and writes the run folder; other workers compute gradients for the steps the chief releases.
 */
final class WorkerCommand implements Command {
  record Args(
      List<Path> configs, List<String> sets, String job, int task, Path outputDir, boolean resume) {
    static Args parse(CommandLine line) {
      String job = line.getOptionValue("job");
      if (job == null || !(job.equals(ClusterSpec.PS) || job.equals(ClusterSpec.WORKER))) {
        throw new UsageException("--job must be ps or worker");
      }
      if (!line.hasOption("task")) {
        throw new UsageException("--task N is required (tasks are numbered from 0)");
      }
      int task = CommonOptions.intValue(line, "task", 0);
      Path out = CommonOptions.output(line);
      if (job.equals(ClusterSpec.WORKER) && out == null) {
        throw new UsageException(
            "workers need --output DIR (the same folder for every worker; on several hosts, a shared one)");
      }
      boolean resume = line.hasOption("resume");
      if (resume && !(job.equals(ClusterSpec.WORKER) && task == 0)) {
        throw new UsageException(
            "--resume is for the chief (--job worker --task 0) only: it restores the last checkpoint;"
                + " start the ps tasks and the other workers as for a new run");
      }
      return new Args(
          CommonOptions.configFiles(line, true), CommonOptions.sets(line), job, task, out, resume);
    }
  }

  @Override
  public String name() {
    return "worker";
  }

  @Override
  public String synopsis() {
    return "CONFIG.yaml [--set key=value]... --job ps|worker --task N --output DIR [--resume]";
  }

  @Override
  public String summary() {
    return "run one task of a TensorFlow cluster (the config's 'cluster:' section) for distributed training";
  }

  @Override
  public Options options() {
    return CommonOptions.withOutput(
        "DIR",
        "run folder, the same for every worker",
        CommonOptions.SET,
        Option.builder().longOpt("job").hasArg().argName("JOB").desc("ps or worker").build(),
        Option.builder()
            .longOpt("task")
            .hasArg()
            .argName("N")
            .desc("task index within the job")
            .build(),
        Option.builder()
            .longOpt("resume")
            .desc("chief only: continue the run in --output from its last checkpoint")
            .build());
  }

  @Override
  public int execute(CommandLine line, PrintStream out, PrintStream err) throws Exception {
    Args args = Args.parse(line);
    Ablate ablate = CommonOptions.ablate(line);
    ExperimentConfig config = ablate.loader().load(args.configs(), args.sets());
    if (config.cluster() == null) {
      throw new ConfigException(
          "the config has no 'cluster:' section listing the ps and worker addresses; see docs/distributed.md.");
    }
    ClusterSpec cluster = config.cluster().spec();
    int tasks = args.job().equals(ClusterSpec.PS) ? cluster.ps().size() : cluster.workerCount();
    if (args.task() < 0 || args.task() >= tasks) {
      throw new UsageException(
          "--task "
              + args.task()
              + " is out of range: job "
              + args.job()
              + " has "
              + tasks
              + " task(s)");
    }
    Server server = new Server(cluster.serverDef(args.job(), args.task()));
    server.start();
    String address =
        args.job().equals(ClusterSpec.PS)
            ? cluster.ps().get(args.task())
            : cluster.workers().get(args.task());
    err.println(args.job() + " task " + args.task() + " serving at " + address);
    if (args.job().equals(ClusterSpec.PS)) {
      server.join(); // until the process is stopped: TF Java's Server.stop() is not implemented
      return 0;
    }
    ExperimentRunner runner = new ExperimentRunner(ablate.injection(), ablate.loader());
    if (args.task() == 0) {
      ExperimentRunner.Outcome outcome =
          runner.runChief(
              config,
              new ExperimentRunner.Options(
                  args.outputDir(),
                  args.resume(),
                  false,
                  err,
                  Interrupts.install(),
                  RunCommand.pauseAfterStep()));
      out.println("run folder: " + outcome.runDirectory());
      if (outcome.reason().equals("interrupted")) {
        err.println(
            "interrupted; the other workers were told to stop. To resume, start the other workers"
                + " as before (the ps tasks may keep running), then the chief with: ./ablate worker"
                + " CONFIG.yaml --job worker --task 0 --output "
                + outcome.runDirectory()
                + " --resume");
        return 130;
      }
      return 0;
    }
    runner.work(config, args.outputDir(), args.task(), err);
    return 0;
  }
}
