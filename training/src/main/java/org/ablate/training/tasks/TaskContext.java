package org.ablate.training.tasks;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ablate.core.registry.Registry;
import org.ablate.training.config.EvalConfig;

/**
 * What a task needs besides its data config: the seed, how to size training batches, the evaluation
 * settings, the run directory (where tokenizers are saved, and from which a resumed or trained run
 * loads them; null when there is none), the registry (tokenizers), and whether the task serves a
 * trained run ({@code trained}: its tokenizers must be in the run directory, and data is read only
 * when evaluated). A trained run also knows the folder it was trained in ({@code trainedIn}),
 * against which relative data paths are tried when they do not exist here.
 */
public record TaskContext(
    long seed,
    Batching batching,
    EvalConfig eval,
    Path runDirectory,
    Registry registry,
    boolean trained,
    Path trainedIn) {
  /** The context of a run being trained. */
  public TaskContext(
      long seed, Batching batching, EvalConfig eval, Path runDirectory, Registry registry) {
    this(seed, batching, eval, runDirectory, registry, false, null);
  }

  /**
   * A configured data path: as given when it exists (or is absolute), else relative to the folder
   * the run was trained in, so that a run folder can be used from anywhere.
   */
  public Path dataPath(String configured) {
    Path p = Path.of(configured);
    if (p.isAbsolute() || Files.exists(p) || trainedIn == null) {
      return p;
    }
    Path there = trainedIn.resolve(configured);
    return Files.exists(there) ? there : p;
  }
}
