package org.ablate.training.tasks;

import java.nio.file.Path;
import org.ablate.core.registry.Registry;
import org.ablate.training.config.EvalConfig;

/**
 * What a task needs besides its data config: the seed, how to size training batches, the evaluation
 * settings, the run directory (where tokenizers are saved, and from which a resumed or finished run
 * loads them; null when there is none) and the registry (tokenizers).
 */
public record TaskContext(
    long seed, Batching batching, EvalConfig eval, Path runDirectory, Registry registry) {}
