package org.ablate.experiments.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.ablate.core.AblateException;
import org.ablate.experiments.run.ExperimentRunner;
import org.ablate.experiments.run.RunLock;
import org.ablate.training.io.AtomicFiles;

/**
 * Runs the trials of a sweep, each in its own child process ({@code ablate run}) in {@code
 * trials/<key>/run}. State lives in the file system only: a trial is done when its {@code
 * results.json} exists (written atomically last), started when its run folder has a config (then it
 * is resumed from its checkpoint), busy when another process holds its lock. A re-run therefore
 * finishes only what is missing, after a crash or a kill at any moment.
 */
public final class SweepRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where a trial stands. */
  public enum Status {
    DONE,
    STARTED,
    PENDING,
    BUSY
  }

  /** The environment variable that names plugin jars or folders, separated like a class path. */
  public static final String PLUGINS_VARIABLE = "ABLATE_PLUGINS";

  private final PrintStream console;
  private final AtomicBoolean stop;
  private final List<Path> plugins;
  private int statusSeconds = 30;

  public SweepRunner(PrintStream console, AtomicBoolean stop) {
    this(console, stop, List.of());
  }

  /** A runner whose trials load the plugins at {@code plugins} (jars or folders of jars). */
  public SweepRunner(PrintStream console, AtomicBoolean stop, List<Path> plugins) {
    this.console = console;
    this.stop = stop;
    this.plugins = List.copyOf(plugins);
  }

  /** Prints a status line per running trial every {@code seconds} (30 by default). */
  public SweepRunner statusEvery(int seconds) {
    this.statusSeconds = seconds;
    return this;
  }

  /** The resolved config a trial folder keeps beside its run. */
  static final String EXPERIMENT = "experiment.yaml";

  /** Whether the trial folder {@code folder} holds a finished run. */
  static boolean finished(Path folder) {
    return Files.exists(folder.resolve("run").resolve(ExperimentRunner.RESULTS));
  }

  public static Path trialDirectory(Path out, Trial t) {
    return out.resolve("trials").resolve(t.key());
  }

  public static Status status(Path out, Trial t) {
    Path folder = trialDirectory(out, t);
    Path run = folder.resolve("run");
    if (finished(folder)) {
      return Status.DONE;
    }
    if (RunLock.busy(run)) {
      return Status.BUSY;
    }
    return Files.exists(run.resolve(ExperimentRunner.CONFIG)) ? Status.STARTED : Status.PENDING;
  }

  /** Prints the trials of this shard with their status. */
  public void list(List<Trial> trials, Path out) {
    console.printf("%-4s %-12s %-8s %-6s %s%n", "#", "key", "status", "seed", "trial");
    for (int i = 0; i < trials.size(); i++) {
      Trial t = trials.get(i);
      console.printf(
          Locale.ROOT,
          "%-4d %-12s %-8s %-6d %s%n",
          i + 1,
          t.key(),
          status(out, t).name().toLowerCase(Locale.ROOT),
          t.seed(),
          t.label());
    }
  }

  /** Runs every trial of {@code trials} that is not done; returns the number that failed. */
  public int run(SweepPlan plan, List<Trial> trials, Path out, int parallel)
      throws IOException, InterruptedException {
    Files.createDirectories(out);
    AtomicFiles.writeString(out.resolve("sweep.yaml"), Files.readString(plan.file()));
    List<Trial> todo = new ArrayList<>();
    for (Trial t : trials) {
      Status s = status(out, t);
      if (s == Status.DONE) {
        continue; // a finished trial's folder is never rewritten
      }
      Path dir = trialDirectory(out, t);
      Files.createDirectories(dir);
      AtomicFiles.writeString(dir.resolve(EXPERIMENT), t.resolvedYaml());
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("key", t.key());
      meta.put("label", t.label());
      meta.put("arm", t.arm());
      meta.put("dimensions", t.dimensions());
      meta.put("seed", t.seed());
      meta.put("sweep", plan.config().name());
      AtomicFiles.write(
          dir.resolve("trial.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(meta));
      if (s == Status.BUSY) {
        console.println(
            "skipping " + t.key() + " (" + t.label() + "): another process is running it");
      } else {
        todo.add(t);
      }
    }
    int workers = Math.max(1, Math.min(parallel, capacity()));
    if (workers < parallel) {
      console.println(
          "running "
              + workers
              + " trials at a time (asked for "
              + parallel
              + "; limited by cores and free memory)");
    }
    console.println(
        (trials.size() - todo.size())
            + " of "
            + trials.size()
            + " trials already done; running "
            + todo.size());
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / workers);
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    TrialStatus status = new TrialStatus(console, statusSeconds);
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    for (Trial t : todo) {
      futures.add(
          pool.submit(
              () -> {
                if (stop.get()) {
                  return null;
                }
                status.started(t, trialDirectory(out, t).resolve("run"));
                int code;
                try {
                  code = runTrial(out, t, threads);
                } finally {
                  status.ended(t);
                }
                int n = finished.incrementAndGet();
                if (code != 0) {
                  failed.incrementAndGet();
                }
                console.println(
                    "["
                        + n
                        + "/"
                        + todo.size()
                        + "] "
                        + t.label()
                        + " seed "
                        + t.seed()
                        + ": "
                        + outcome(out, t, code));
                return null;
              }));
    }
    pool.shutdown();
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        throw new AblateException("sweep worker failed: " + e.getCause(), e.getCause());
      }
    }
    pool.awaitTermination(1, TimeUnit.MINUTES);
    status.close();
    return failed.get();
  }

  private String outcome(Path out, Trial t, int code) {
    Path dir = trialDirectory(out, t);
    if (code == 130) {
      return "stopped (resumes on the next run of this sweep)";
    }
    if (code != 0) {
      return "FAILED with exit code " + code + "; see " + dir.resolve("run.log");
    }
    try {
      Map<?, ?> results =
          JSON.readValue(dir.resolve("run").resolve(ExperimentRunner.RESULTS).toFile(), Map.class);
      StringBuilder sb = new StringBuilder("done");
      results.forEach(
          (k, v) -> {
            String key = k.toString();
            if (key.startsWith("test_") && !key.equals("test_seconds") && v instanceof Number n) {
              sb.append(String.format(Locale.ROOT, " %s %.4f", key, n.doubleValue()));
            }
          });
      return sb.toString();
    } catch (IOException e) {
      return "done";
    }
  }

  /** Runs one trial in a child JVM; returns its exit code. */
  private int runTrial(Path out, Trial t, int threads) throws IOException, InterruptedException {
    Path dir = trialDirectory(out, t);
    Path run = dir.resolve("run");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:+UseParallelGC");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("org.ablate.experiments.cli.Main");
    cmd.add("run");
    cmd.add(dir.resolve(EXPERIMENT).toString());
    cmd.add("--output-dir");
    cmd.add(run.toString());
    if (Files.exists(run.resolve(ExperimentRunner.CONFIG))) {
      cmd.add("--resume");
    }
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("run.log").toFile()));
    pb.environment().put("ABLATE_THREADS", String.valueOf(threads));
    pb.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
    if (!plugins.isEmpty()) {
      List<String> paths = new ArrayList<>();
      plugins.forEach(x -> paths.add(x.toAbsolutePath().toString()));
      pb.environment().put(PLUGINS_VARIABLE, String.join(java.io.File.pathSeparator, paths));
    }
    Process p = pb.start();
    while (!p.waitFor(500, TimeUnit.MILLISECONDS)) {
      if (stop.get()) {
        p.destroy(); // SIGTERM: the trial checkpoints and exits; the next sweep run resumes it
        p.waitFor();
        return 130;
      }
    }
    return p.exitValue();
  }

  /** How many trials fit at once: one per core, and about 2 GB of free memory each. */
  static int capacity() {
    int cores = Runtime.getRuntime().availableProcessors();
    long free = Long.MAX_VALUE;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      free = os.getFreeMemorySize();
    }
    long byMemory = Math.max(1, free / (2L << 30));
    return (int) Math.min(cores, byMemory);
  }
}
