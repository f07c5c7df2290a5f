package org.ablate.experiments.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ablate.core.AblateException;
import org.ablate.core.config.ConfigException;
import org.ablate.experiments.config.ConfigLoader;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.training.distributed.ChiefSteps;
import org.ablate.training.distributed.ClusterSpec;
import org.ablate.training.distributed.SyncReplicas;
import org.ablate.training.distributed.WorkerLog;
import org.ablate.training.distributed.WorkerLoop;
import org.ablate.training.graph.Optimizer;
import org.ablate.training.io.AtomicFiles;
import org.ablate.training.loop.Checkpoints;
import org.ablate.training.loop.LocalSteps;
import org.ablate.training.loop.MetricsLog;
import org.ablate.training.loop.StepExecutor;
import org.ablate.training.loop.TensorBoard;
import org.ablate.training.loop.TrainState;
import org.ablate.training.loop.Trainer;
import org.ablate.training.tasks.Seq2SeqTask;
import org.ablate.training.tasks.Split;
import org.tensorflow.RemoteSessions;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;

/**
 * Runs one experiment in a run directory: writes the resolved config and provenance, composes the
 * model (one injector, one graph, one session, all closed at the end), trains with checkpoints,
 * restores the best checkpoint, evaluates on test and writes {@code results.json}.
 */
public final class ExperimentRunner {
  public static final String CONFIG = "config.yaml";
  public static final String RESULTS = "results.json";
  private static final ObjectMapper JSON = new ObjectMapper();

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

  public ExperimentRunner(Injection injection) {
    this.injection = injection;
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
    return run(config, options, -1);
  }

  /**
   * Runs the chief (worker 0) of a cluster run, or the whole run in this process when {@code
   * worker} is -1. The chief's session targets its own TensorFlow server, which must already be
   * running.
   */
  public Outcome run(ExperimentConfig config, Options options, int worker) {
    boolean distributed = worker >= 0;
    if (distributed && options.resume()) {
      throw new ConfigException(
          "--resume is not supported for cluster runs yet; resume in one process (remove 'cluster:') or start a new run.");
    }
    Path dir = options.outputDir() == null ? defaultRunDirectory(config) : options.outputDir();
    PrintStream console = options.console();
    ClusterSpec cluster = distributed ? config.cluster().spec() : null;
    try (RunLock lock = lockAndPrepare(dir, config, options.resume());
        Assembly assembly =
            distributed
                ? Assembly.build(
                    config,
                    injection,
                    dir,
                    ClusterSpec.device(ClusterSpec.PS, 0),
                    ClusterSpec.device(ClusterSpec.WORKER, worker))
                : Assembly.build(config, injection, dir)) {
      assembly.task.save(dir);
      writeJson(
          dir.resolve("provenance.json"),
          Provenance.collect(config.seed(), assembly.task.dataFiles()));
      console.println("data: " + assembly.task.describe());
      console.println(
          "model: "
              + assembly.model.network().describe()
              + ", "
              + String.format("%,d", assembly.parameterCount())
              + " parameters");
      Optimizer optimizer =
          new Optimizer(
              assembly.context,
              assembly.context.parameters(),
              config.training().optimizer(),
              config.training().clipNorm(),
              !distributed && config.training().accumulate() > 1,
              config.training().emaDecay());
      Checkpoints checkpoints = new Checkpoints(dir.resolve("checkpoints"), 2);
      MetricsLog metrics = new MetricsLog(dir.resolve("metrics.jsonl"));
      AtomicBoolean stop = options.stop() == null ? new AtomicBoolean() : options.stop();
      try (TensorBoard tensorBoard = new TensorBoard(dir.resolve("tensorboard"));
          Session session =
              distributed
                  ? RemoteSessions.connect(
                      assembly.graph,
                      cluster.target(worker),
                      cluster.sessionConfig(worker, threads(config.training().threads())))
                  : new Session(assembly.graph, sessionConfig(config.training().threads()))) {
        StepExecutor steps =
            distributed
                ? new ChiefSteps(
                    session,
                    assembly.context,
                    assembly.task,
                    new SyncReplicas(
                        assembly.context, optimizer, assembly.losses, cluster.workerCount()),
                    new WorkerLog(dir.resolve("workers").resolve("worker-0.jsonl")))
                : new LocalSteps(
                    session,
                    assembly.context,
                    assembly.task,
                    assembly.losses,
                    optimizer,
                    config.training().accumulate());
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
        Trainer.Outcome outcome = trainer.run(start, options.interactive(), console);
        if (outcome.reason().equals("interrupted")) {
          return new Outcome(dir, Map.of(), outcome.reason());
        }
        Map<String, Object> results =
            finish(dir, config, assembly, session, checkpoints, outcome, console);
        return new Outcome(dir, results, outcome.reason());
      }
    }
  }

  /**
   * A non-chief worker of a cluster run: builds the same graph, connects to its own server and
   * pushes gradients for the steps the chief releases. Writes only {@code
   * workers/worker-<i>.jsonl}.
   */
  public long work(ExperimentConfig config, Path dir, int worker, PrintStream console) {
    ClusterSpec cluster = config.cluster().spec();
    try (Assembly assembly =
        Assembly.build(
            config,
            injection,
            dir,
            ClusterSpec.device(ClusterSpec.PS, 0),
            ClusterSpec.device(ClusterSpec.WORKER, worker))) {
      Optimizer optimizer =
          new Optimizer(
              assembly.context,
              assembly.context.parameters(),
              config.training().optimizer(),
              config.training().clipNorm(),
              false,
              config.training().emaDecay());
      SyncReplicas sync =
          new SyncReplicas(assembly.context, optimizer, assembly.losses, cluster.workerCount());
      try (Session session =
          RemoteSessions.connect(
              assembly.graph,
              cluster.target(worker),
              cluster.sessionConfig(worker, threads(config.training().threads())))) {
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

  private static int threads(int configured) {
    String env = System.getenv("ABLATE_THREADS");
    return env != null && env.matches("[1-9][0-9]*") ? Integer.parseInt(env) : configured;
  }

  /**
   * Session threads: the config's {@code training.threads}, unless the {@code ABLATE_THREADS}
   * environment variable (set by sweeps running trials side by side) says otherwise. Thread counts
   * do not change results, so they are not part of a trial's config.
   */
  private static ConfigProto sessionConfig(int configured) {
    int threads = threads(configured);
    ConfigProto.Builder b = ConfigProto.newBuilder();
    if (threads > 0) {
      b.setIntraOpParallelismThreads(threads).setInterOpParallelismThreads(Math.min(threads, 2));
    }
    return b.build();
  }

  private RunLock lockAndPrepare(Path dir, ExperimentConfig config, boolean resume) {
    RunLock lock = RunLock.acquire(dir);
    try {
      prepare(dir, config, resume);
      return lock;
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private void prepare(Path dir, ExperimentConfig config, boolean resume) {
    String resolved = ConfigLoader.resolvedYaml(config);
    Path configFile = dir.resolve(CONFIG);
    try {
      if (resume) {
        if (!Files.isRegularFile(configFile)) {
          throw new ConfigException(
              "--resume: "
                  + dir
                  + " holds no run (no "
                  + CONFIG
                  + "); start a new run without --resume, or pass the folder of an earlier run.");
        }
        String saved = Files.readString(configFile, StandardCharsets.UTF_8);
        if (!saved.equals(resolved)) {
          throw new ConfigException(
              "--resume: the configuration differs from the one "
                  + dir
                  + " was started with ("
                  + firstDifference(saved, resolved)
                  + "); resuming would mix two experiments. Resume with the same config and --set values, or start a new --output-dir.");
        }
        return;
      }
      if (Files.exists(dir.resolve("checkpoints")) || Files.exists(dir.resolve(RESULTS))) {
        throw new ConfigException(
            dir
                + " already holds a run; continue it with --resume, or choose another --output-dir (nothing was overwritten).");
      }
      Files.createDirectories(dir);
      AtomicFiles.writeString(configFile, resolved);
    } catch (IOException e) {
      throw new AblateException("cannot prepare run folder " + dir + ": " + e.getMessage(), e);
    }
  }

  private static String firstDifference(String a, String b) {
    String[] x = a.split("\n");
    String[] y = b.split("\n");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      String l = i < x.length ? x[i].trim() : "(nothing)";
      String r = i < y.length ? y[i].trim() : "(nothing)";
      if (!l.equals(r)) {
        return "line " + (i + 1) + ": saved '" + l + "', now '" + r + "'";
      }
    }
    return "whitespace only";
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

  private Map<String, Object> finish(
      Path dir,
      ExperimentConfig config,
      Assembly assembly,
      Session session,
      Checkpoints checkpoints,
      Trainer.Outcome outcome,
      PrintStream console) {
    Checkpoints.Entry best =
        checkpoints
            .best()
            .orElseThrow(() -> new AblateException("no best checkpoint in " + checkpoints.dir()));
    session.restore(best.prefix());
    long evalStart = System.nanoTime();
    Map<String, Double> test = assembly.task.evaluate(session, Split.TEST);
    double testSeconds = (System.nanoTime() - evalStart) / 1e9;
    Map<String, Object> devAtBest = new LinkedHashMap<>();
    for (Map<String, Object> line : MetricsLog.read(dir.resolve("metrics.jsonl"))) {
      if ("dev".equals(line.get("kind"))
          && ((Number) line.get("step")).longValue() == best.step()) {
        line.forEach(
            (k, v) -> {
              if (k.startsWith("dev_")) {
                devAtBest.put(k, v);
              }
            });
      }
    }
    TrainState state = outcome.state();
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("name", config.name());
    results.put("model", Assembly.typeName(config.model()));
    results.put("data", Assembly.typeName(config.data()));
    results.put("parameters", assembly.parameterCount());
    results.put("seed", config.seed());
    results.put("steps", state.step());
    results.put("stop_reason", outcome.reason());
    results.put("best_step", best.step());
    results.put("select_by", config.training().selectBy());
    results.put("train_seconds", state.seconds());
    results.put("train_" + assembly.task.unit(), state.units());
    results.put(
        assembly.task.unit() + "_per_second", state.units() / Math.max(1e-9, state.seconds()));
    results.putAll(devAtBest);
    results.putAll(test);
    results.put("test_seconds", testSeconds);
    writeDetails(dir.resolve("test_details.jsonl"), assembly.task.details(Split.TEST));
    writeJson(dir.resolve(RESULTS), results);
    if (assembly.task instanceof Seq2SeqTask s2s && !s2s.lastOutputs(Split.TEST).isEmpty()) {
      try {
        AtomicFiles.writeString(
            dir.resolve("test_outputs.txt"), String.join("\n", s2s.lastOutputs(Split.TEST)) + "\n");
      } catch (IOException e) {
        throw new AblateException("cannot write test outputs in " + dir + ": " + e.getMessage(), e);
      }
    }
    StringBuilder line =
        new StringBuilder(
            "test ("
                + (config.training().selectsLast() ? "last" : "best")
                + " checkpoint, step "
                + best.step()
                + "):");
    test.forEach((k, v) -> line.append(String.format(" %s %.4f", k, v)));
    console.println(line);
    return results;
  }

  /** One JSON object per test example (read by the comparison report's bootstrap tests). */
  private static void writeDetails(Path file, List<Map<String, Object>> details) {
    if (details.isEmpty()) {
      return;
    }
    try {
      StringBuilder sb = new StringBuilder();
      for (Map<String, Object> d : details) {
        sb.append(JSON.writeValueAsString(d)).append('\n');
      }
      AtomicFiles.writeString(file, sb.toString());
    } catch (IOException e) {
      throw new AblateException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  static void writeJson(Path file, Object value) {
    try {
      AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
    } catch (IOException e) {
      throw new AblateException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
