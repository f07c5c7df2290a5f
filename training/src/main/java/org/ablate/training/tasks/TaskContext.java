package org.ablate.training.tasks;

import java.nio.file.Path;
import org.ablate.training.config.EvalConfig;
import org.ablate.training.config.TrainingConfig;

/**
 * What a task needs besides its data config: the seed, batching and evaluation settings, and the
 * run directory (where tokenizers are saved, and from which a resumed run loads them).
 */
public record TaskContext(long seed, TrainingConfig training, EvalConfig eval, Path runDirectory) {}
