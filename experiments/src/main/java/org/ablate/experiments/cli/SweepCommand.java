package org.ablate.experiments.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.ablate.api.Ablate;
import org.ablate.experiments.run.Interrupts;
import org.ablate.experiments.sweep.SweepJob;
import org.ablate.experiments.sweep.SweepPlan;
import org.ablate.experiments.sweep.SweepRunner;
import org.ablate.experiments.sweep.Trial;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code ablate sweep SWEEP.yaml [--dry-run] [--shard i/N] [--parallel K] [--output DIR]}. */
final class SweepCommand implements Command {
  record Args(Path file, boolean dryRun, int shard, int shards, Integer parallel, Path out) {
    static Args parse(CommandLine line) {
      List<Path> files = CommonOptions.configFiles(line, true);
      if (files.size() != 1) {
        throw new UsageException("give exactly one sweep file");
      }
      int shard = 0;
      int shards = 1;
      String s = line.getOptionValue("shard");
      if (s != null) {
        String[] parts = s.split("/");
        try {
          shard = Integer.parseInt(parts[0]);
          shards = Integer.parseInt(parts[1]);
        } catch (RuntimeException e) {
          throw new UsageException(
              "--shard takes i/N, for example --shard 0/4 (shards are numbered from 0); got '"
                  + s
                  + "'");
        }
        if (parts.length != 2 || shards < 1 || shard < 0 || shard >= shards) {
          throw new UsageException("--shard " + s + " is out of range: use i/N with 0 <= i < N");
        }
      }
      Integer parallel =
          line.hasOption("parallel") ? CommonOptions.intValue(line, "parallel", 1) : null;
      if (parallel != null && parallel < 1) {
        throw new UsageException("--parallel must be at least 1");
      }
      Path out = CommonOptions.output(line);
      return new Args(files.get(0), line.hasOption("dry-run"), shard, shards, parallel, out);
    }
  }

  private static int statusSeconds(CommandLine line) {
    int seconds = CommonOptions.intValue(line, "status-every", SweepJob.DEFAULT_STATUS_SECONDS);
    if (seconds < 1) {
      throw new UsageException("--status-every must be at least 1 second, got " + seconds);
    }
    return seconds;
  }

  @Override
  public String name() {
    return "sweep";
  }

  @Override
  public String synopsis() {
    return "SWEEP.yaml [--dry-run] [--shard i/N] [--parallel K] [--output DIR]";
  }

  @Override
  public String summary() {
    return "run every trial of a sweep (skipping finished ones), then write the comparison report";
  }

  @Override
  public Options options() {
    return CommonOptions.withOutput(
        "DIR",
        "sweep folder (default sweeps/NAME)",
        Option.builder()
            .longOpt("dry-run")
            .desc("list the trials and their status; run nothing")
            .build(),
        Option.builder()
            .longOpt("shard")
            .hasArg()
            .argName("i/N")
            .desc("run only shard i of N (for cluster array jobs)")
            .build(),
        Option.builder()
            .longOpt("parallel")
            .hasArg()
            .argName("K")
            .desc("trials at once (default: the sweep's 'parallel')")
            .build(),
        Option.builder()
            .longOpt("status-every")
            .hasArg()
            .argName("SECONDS")
            .desc("print a line per running trial every SECONDS (default 30)")
            .build());
  }

  @Override
  public int execute(CommandLine line, PrintStream out, PrintStream err) throws Exception {
    Args args = Args.parse(line);
    Ablate ablate = CommonOptions.ablate(line);
    SweepPlan plan = new SweepPlan(args.file(), ablate.loader());
    Path dir = args.out() == null ? Path.of("sweeps", plan.config().name()) : args.out();
    List<Trial> trials = plan.adopt(dir).shard(args.shard(), args.shards());
    var stop = Interrupts.install();
    String shard = args.shards() > 1 ? " (shard " + args.shard() + "/" + args.shards() + ")" : "";
    if (args.dryRun()) {
      out.println(
          plan.config().name()
              + ": "
              + plan.trials().size()
              + " trials"
              + shard
              + ", "
              + trials.size()
              + " in this shard; folder "
              + dir);
      new SweepRunner(out, stop).list(trials, dir);
      return 0;
    }
    int parallel = args.parallel() == null ? plan.config().parallel() : args.parallel();
    SweepJob.Outcome outcome;
    Interrupts.checkpointing(true); // a stop request reaches the trials, which checkpoint
    try {
      outcome =
          SweepJob.run(
              plan,
              trials,
              dir,
              parallel,
              err,
              stop,
              CommonOptions.plugins(line),
              statusSeconds(line));
    } finally {
      Interrupts.checkpointing(false);
    }
    if (outcome.stopped()) {
      err.println("sweep stopped; run the same command again to finish the remaining trials");
      return 130;
    }
    if (!outcome.complete()) {
      out.println(
          outcome.done()
              + " of "
              + outcome.trials()
              + " trials done"
              + (outcome.failed() > 0
                  ? " (" + outcome.failed() + " failed, see their run.log)"
                  : "")
              + "; the report is written when every trial (all shards) has finished, or run ./ablate compare "
              + dir);
      return outcome.failed() > 0 ? 1 : 0;
    }
    out.println();
    out.print(outcome.table());
    out.println();
    out.println(
        "report: " + outcome.report().resolve("report.html") + " (also report.md, summary.csv)");
    return 0;
  }
}
