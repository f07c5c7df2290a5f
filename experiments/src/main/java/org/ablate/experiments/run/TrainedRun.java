package org.ablate.experiments.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ablate.core.AblateException;
import org.ablate.core.config.ConfigException;
import org.ablate.experiments.config.ConfigLoader;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.training.loop.Checkpoints;
import org.tensorflow.Session;

/**
 * A finished (or stopped) run opened for use: its config, its task and model rebuilt with the run's
 * saved tokenizer, and a session holding the best checkpoint (or the newest verified one).
 */
public final class TrainedRun implements AutoCloseable {
  public final Path directory;
  public final ExperimentConfig config;
  public final Assembly assembly;
  public final Session session;
  public final Checkpoints.Entry checkpoint;

  public TrainedRun(Path directory, Injection injection, ConfigLoader loader) {
    Path file = directory.resolve(ExperimentRunner.CONFIG);
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(
          directory + " is not a run folder: it has no " + ExperimentRunner.CONFIG + ".");
    }
    this.directory = directory;
    this.config = loader.load(List.of(file), List.of());
    Checkpoints checkpoints = new Checkpoints(directory.resolve("checkpoints"), 2);
    this.checkpoint =
        checkpoints
            .best()
            .or(() -> checkpoints.valid().stream().findFirst())
            .orElseThrow(
                () ->
                    new AblateException(
                        directory + " holds no usable checkpoint; train it first (./ablate run)."));
    this.assembly = Assembly.build(config, injection, directory);
    this.session = new Session(assembly.graph);
    try {
      session.restore(checkpoint.prefix());
    } catch (RuntimeException e) {
      close();
      throw new AblateException(
          "checkpoint "
              + checkpoint.dir()
              + " does not match the model built from "
              + file
              + " ("
              + e.getMessage().lines().findFirst().orElse("")
              + "); the config, code version or tokenizer changed since training.",
          e);
    }
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
    assembly.close();
  }
}
