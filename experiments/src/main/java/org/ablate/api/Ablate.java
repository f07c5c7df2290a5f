package org.ablate.api;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ablate.core.AblateException;
import org.ablate.core.plugin.Plugins;
import org.ablate.core.registry.Registry;
import org.ablate.experiments.config.ConfigLoader;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.experiments.config.Presets;
import org.ablate.experiments.report.Reports;
import org.ablate.experiments.run.ExperimentRunner;
import org.ablate.experiments.run.Injection;
import org.ablate.experiments.sweep.SweepJob;
import org.ablate.experiments.sweep.SweepPlan;

/**
 * Ablate as a library: compose configs, run experiments and sweeps, compare runs, and read their
 * results as objects, from another program or JShell, with no command-line parsing. One instance
 * holds the wired components (Ablate's and the plugins') and can be shared.
 *
 * <pre>{@code
 * Ablate ablate = Ablate.create();                      // or Ablate.withPlugins(List.of(jar))
 * ExperimentConfig config = ablate.config()
 *     .file(Path.of("configs/copy-transformer.yaml"))
 *     .set("model.d_model", 64)
 *     .set("training.steps", 200)
 *     .build();
 * RunResult result = ablate.run(config, Path.of("runs/copy-64"));
 * double accuracy = result.metric("test_sequence_accuracy");
 * }</pre>
 */
public final class Ablate {
  private final Injection injection;
  private final ConfigLoader loader;
  private PrintStream console = System.err;

  private Ablate(Plugins plugins) {
    this.injection = Injection.of(plugins);
    this.loader = new ConfigLoader(Presets.builtIn(plugins), injection.registry());
  }

  /** Ablate's own components, plus any plugin on the class path. */
  public static Ablate create() {
    return new Ablate(Plugins.classPath());
  }

  /** Also the plugins in {@code paths}: jars, or folders of jars. */
  public static Ablate withPlugins(List<Path> paths) {
    return new Ablate(Plugins.load(paths));
  }

  /** Where runs and sweeps report progress (standard error by default). */
  public Ablate console(PrintStream console) {
    this.console = console;
    return this;
  }

  /** A new config to compose from presets, files, YAML text and key/value overrides. */
  public ConfigBuilder config() {
    return new ConfigBuilder(loader);
  }

  /** Loads experiment files (merged left to right) with their preset. */
  public ExperimentConfig load(Path... files) {
    return loader.load(List.of(files), List.of());
  }

  /** The resolved YAML of a config: every key, every default (what a run folder records). */
  public String resolvedYaml(ExperimentConfig config) {
    return loader.resolvedYaml(config);
  }

  /** Trains and tests {@code config} in a new run folder {@code outputDir}. */
  public RunResult run(ExperimentConfig config, Path outputDir) {
    return run(config, outputDir, false);
  }

  /**
   * Like {@link #run(ExperimentConfig, Path)}; with {@code resume}, continues that folder's run.
   */
  public RunResult run(ExperimentConfig config, Path outputDir, boolean resume) {
    ExperimentRunner.Outcome outcome =
        new ExperimentRunner(injection, loader)
            .run(
                config,
                new ExperimentRunner.Options(
                    outputDir, resume, false, console, new AtomicBoolean()));
    return RunResult.read(outcome.runDirectory());
  }

  /**
   * Runs every trial of the sweep file not yet done in {@code outputDir} ({@code parallel} at a
   * time, each in its own process), then writes its report.
   */
  public SweepResult sweep(Path sweepFile, Path outputDir, int parallel) {
    SweepPlan plan = new SweepPlan(sweepFile, loader).adopt(outputDir);
    try {
      return new SweepResult(
          SweepJob.run(
              plan,
              plan.trials(),
              outputDir,
              parallel,
              console,
              new AtomicBoolean(),
              injection.plugins().locations().stream().map(Plugins.Location::path).toList(),
              SweepJob.DEFAULT_STATUS_SECONDS));
    } catch (IOException e) {
      throw new AblateException("sweep " + sweepFile + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AblateException("sweep " + sweepFile + " was interrupted", e);
    }
  }

  /** Compares the finished runs at or below {@code folders}; writes the report into {@code out}. */
  public Comparison compare(List<Path> folders, Path out, String title) {
    try {
      String table = Reports.write(folders, out, title);
      return new Comparison(out, table, RunResult.find(folders));
    } catch (IOException e) {
      throw new AblateException("cannot write the report in " + out + ": " + e.getMessage(), e);
    }
  }

  /** Every slot and component, Ablate's and the plugins'. */
  public Registry registry() {
    return injection.registry();
  }

  /** The wiring behind this instance (for Ablate's own command line). */
  public Injection injection() {
    return injection;
  }

  /** The config loader behind this instance (for Ablate's own command line). */
  public ConfigLoader loader() {
    return loader;
  }
}
