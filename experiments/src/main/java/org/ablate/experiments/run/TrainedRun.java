package org.ablate.experiments.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
    this.checkpoint = checkpointOf(directory);
    this.assembly = Assembly.open(config, injection, directory);
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

  /**
   * The best checkpoint, or, in a run that has none (it stopped before its first evaluation), the
   * newest intact one. A damaged best checkpoint is an error, never silently replaced by another.
   */
  public static Checkpoints.Entry checkpointOf(Path directory) {
    Checkpoints checkpoints = new Checkpoints(directory.resolve("checkpoints"), 2);
    Path best = checkpoints.dir().resolve("best");
    if (Files.isDirectory(best)) {
      Optional<Checkpoints.Entry> entry = checkpoints.best();
      if (entry.isPresent()) {
        return entry.get();
      }
      List<Checkpoints.Entry> intact = checkpoints.valid();
      throw new AblateException(
          best
              + " is damaged (a file is missing or does not match the hash in its manifest.json),"
              + " so the run's best weights cannot be loaded. Restore the run folder from a copy"
              + (intact.isEmpty()
                  ? "."
                  : ", or, to use the newest intact checkpoint (step "
                      + intact.get(0).step()
                      + ") instead, copy "
                      + intact.get(0).dir()
                      + " over "
                      + best
                      + "."));
    }
    List<Checkpoints.Entry> intact = checkpoints.valid();
    if (!intact.isEmpty()) {
      return intact.get(0);
    }
    throw new AblateException(
        checkpoints.any()
            ? "the checkpoints in "
                + checkpoints.dir()
                + " are damaged (a file is missing or does not match the hash in its"
                + " manifest.json), so none can be loaded. Restore the run folder from a copy, or"
                + " train it again."
            : directory
                + " holds no checkpoint yet: its training stopped before the first one. Continue"
                + " it with ./ablate run --output "
                + directory
                + " --resume.");
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
    assembly.close();
  }
}
