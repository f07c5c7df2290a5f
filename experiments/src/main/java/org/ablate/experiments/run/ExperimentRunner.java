package org.ablate.experiments.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ablate.core.AblateException;
import org.ablate.core.config.ConfigException;
import org.ablate.core.graph.Hardware;
import org.ablate.experiments.config.ConfigLoader;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.training.distributed.ClusterSpec;
import org.ablate.training.distributed.SyncReplicas;
import org.ablate.training.distributed.WorkerLog;
import org.ablate.training.distributed.WorkerLoop;
import org.ablate.training.graph.Optimizer;
import org.ablate.training.loop.Checkpoints;
import org.ablate.training.loop.MetricsLog;
import org.ablate.training.loop.StepExecutor;
import org.ablate.training.loop.TensorBoard;
import org.ablate.training.loop.TrainState;
import org.ablate.training.loop.Trainer;
import org.tensorflow.RemoteSessions;
import org.tensorflow.Session;

/**
 * Runs one experiment in a run folder: the folder ({@link RunFolder}) locked and its resolved
 * config written or checked, the model composed where it executes ({@link Execution}: one graph,
 * one session, both closed at the end), training with checkpoints, and the final evaluation of the
 * selected checkpoint ({@link FinalEvaluation}).
 */
public final class ExperimentRunner {
  public static final String CONFIG = "config.yaml";
  public static final String RESULTS = "results.json";

  /**
   * How to run: where, whether to resume, where to report progress, the stop flag, and a test seam
   * ({@code pauseAfterStep}, see {@link Trainer#pauseAfter}; 0 never pauses).
   */
  public record Options(
      Path outputDir,
      boolean resume,
      boolean interactive,
      PrintStream console,
      AtomicBoolean stop,
      long pauseAfterStep) {
    public Options(
        Path outputDir,
        boolean resume,
        boolean interactive,
        PrintStream console,
        AtomicBoolean stop) {
      this(outputDir, resume, interactive, console, stop, 0);
    }
  }

  /** What a run produced. */
  public record Outcome(Path runDirectory, Map<String, Object> results, String reason) {}

  private final Injection injection;
  private final ConfigLoader loader;

  /**
   * A runner for experiments that {@code loader} bound with {@code injection}'s registry (it also
   * writes the resolved config into the run folder).
   */
  public ExperimentRunner(Injection injection, ConfigLoader loader) {
    this.injection = injection;
    this.loader = loader;
  }

  /** A fresh folder under {@code runs/} named after the experiment and the time. */
  public static Path defaultRunDirectory(ExperimentConfig config) {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return Path.of("runs", config.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + stamp);
  }

  public Outcome run(ExperimentConfig config, Options options) {
    if (config.cluster() != null) {
      throw new ConfigException(
          "this experiment has a 'cluster:' section: start each of its tasks with ./ablate worker (see docs/distributed.md),"
              + " or remove the section to train in one process.");
    }
    return run(config, options, Execution.local());
  }

  /**
   * Runs the chief (worker 0) of a cluster run. The chief's session targets its own TensorFlow
   * server, which must already be running. With {@code options.resume()} it continues from the run
   * folder's last checkpoint: the weights and optimizer state on the ps tasks are restored from it,
   * and the workers, which train on the micro-steps of whatever step the chief releases, need
   * nothing of their own.
   */
  public Outcome runChief(ExperimentConfig config, Options options) {
    return run(config, options, Execution.cluster(config.cluster().spec(), 0));
  }

  private Outcome run(ExperimentConfig requested, Options options, Execution execution) {
    Path dir = options.outputDir() == null ? defaultRunDirectory(requested) : options.outputDir();
    ExperimentConfig config =
        RunPrecision.settle(
            requested, loader, dir, options.resume(), Hardware::thisMachine, options.console());
    RunFolder folder = RunFolder.open(dir, loader, config, options.resume());
    if (folder.state() == RunFolder.State.FINISHED) {
      folder.close();
      Map<String, Object> results = folder.readResults();
      options
          .console()
          .println(
              dir
                  + " holds a finished run (results.json); nothing to do, and nothing was changed. To"
                  + " train it further, resume with a larger budget, e.g. --set training.steps="
                  + 2L * config.training().steps()
                  + ".");
      return new Outcome(dir, results, "finished");
    }
    try (PrintStream log = RunLog.tee(options.console(), dir.resolve("run.log"))) {
      return train(config, options, execution, folder, log);
    }
  }

  /** Trains in {@code folder}, reporting to {@code console} (which the run log copies). */
  private Outcome train(
      ExperimentConfig config,
      Options options,
      Execution execution,
      RunFolder folder,
      PrintStream console) {
    Path dir = folder.dir();
    try (folder;
        Assembly assembly = execution.build(config, injection, dir)) {
      assembly.task.save(dir);
      folder.writeJson(
          "provenance.json",
          Provenance.collect(config.seed(), assembly.task.dataFiles(), injection.plugins()));
      console.println("data: " + assembly.task.describe());
      console.println(
          "model: "
              + assembly.model.network().describe()
              + ", "
              + String.format(Locale.ROOT, "%,d", assembly.parameterCount())
              + " parameters");
      String placement = execution.placement(assembly);
      if (placement != null) {
        console.println(placement);
      }
      Optimizer optimizer = execution.optimizer(config, assembly, injection);
      Checkpoints checkpoints = new Checkpoints(dir.resolve("checkpoints"), 2);
      MetricsLog metrics = new MetricsLog(dir.resolve("metrics.jsonl"));
      AtomicBoolean stop = options.stop() == null ? new AtomicBoolean() : options.stop();
      try (TensorBoard tensorBoard = new TensorBoard(dir.resolve("tensorboard"));
          Session session =
              execution.session(assembly, Execution.threads(config.training().threads()))) {
        StepExecutor steps = execution.steps(session, assembly, optimizer, config, dir);
        Trainer trainer =
            new Trainer(
                    session,
                    assembly.task,
                    steps,
                    optimizer,
                    config.training(),
                    checkpoints,
                    metrics,
                    tensorBoard,
                    stop)
                .pauseAfter(options.pauseAfterStep());
        TrainState start = TrainState.start();
        if (options.resume()) {
          start = resume(session, checkpoints, metrics, console);
          if (start.step() > 0) {
            // checkpoints hold a weight average in the weights' place: continue from the trained
            optimizer.average().ifPresent(a -> a.useTrained(session));
          }
        } else {
          session.initialize();
        }
        Trainer.Outcome outcome;
        Interrupts.checkpointing(true);
        try {
          outcome = trainer.run(start, options.interactive(), console);
        } finally {
          Interrupts.checkpointing(false);
        }
        if (outcome.reason().equals("interrupted")) {
          return new Outcome(dir, Map.of(), outcome.reason());
        }
        Map<String, Object> results =
            FinalEvaluation.run(folder, config, assembly, session, checkpoints, outcome, console);
        return new Outcome(dir, results, outcome.reason());
      }
    } catch (RuntimeException | Error e) {
      folder.abandon();
      throw e;
    }
  }

  /**
   * A non-chief worker of a cluster run: builds the same graph, connects to its own server and
   * pushes gradients for the steps the chief releases. Writes only {@code
   * workers/worker-<i>.jsonl}.
   */
  public long work(ExperimentConfig requested, Path dir, int worker, PrintStream console) {
    // each task settles precision: auto on its own machine (docs/distributed.md)
    ExperimentConfig config =
        RunPrecision.settle(requested, loader, dir, false, Hardware::thisMachine, console);
    ClusterSpec cluster = config.cluster().spec();
    Execution execution = Execution.cluster(cluster, worker);
    try (Assembly assembly = execution.build(config, injection, dir)) {
      Optimizer optimizer = execution.optimizer(config, assembly, injection);
      SyncReplicas sync =
          new SyncReplicas(assembly.context, optimizer, assembly.losses, cluster.workerCount());
      try (Session session =
          execution.session(assembly, Execution.threads(config.training().threads()))) {
        RemoteSessions.initializedElsewhere(session);
        return WorkerLoop.run(
            session,
            assembly.context,
            assembly.task,
            sync,
            worker,
            new WorkerLog(dir.resolve("workers").resolve("worker-" + worker + ".jsonl")),
            console);
      }
    }
  }

  private TrainState resume(
      Session session, Checkpoints checkpoints, MetricsLog metrics, PrintStream console) {
    List<String> skipped = new ArrayList<>();
    Optional<Checkpoints.Entry> entry = checkpoints.restoreLatest(session, skipped);
    skipped.forEach(s -> console.println("skipping checkpoint: " + s));
    if (entry.isEmpty()) {
      if (!skipped.isEmpty()) {
        boolean shapes = skipped.stream().anyMatch(x -> x.contains("shape"));
        throw new AblateException(
            "--resume: no checkpoint in "
                + checkpoints.dir()
                + " can be loaded"
                + (shapes
                    ? ": the weights saved there have other shapes than the model built now, so the"
                        + " tokenizer (tokenizer.json in the run folder), the data or the model config changed"
                        + " since the run started"
                    : "")
                + " ("
                + String.join("; ", skipped)
                + "). Restore the run folder's files, or start a new run.");
      }
      console.println("no checkpoint yet in " + checkpoints.dir() + ": starting from step 0");
      session.initialize();
      metrics.truncateAfter(0);
      return TrainState.start();
    }
    TrainState state = TrainState.fromMap(entry.get().state());
    metrics.truncateAfter(state.step());
    console.println("resumed from step " + state.step() + " (" + entry.get().dir() + ")");
    return state;
  }
}
