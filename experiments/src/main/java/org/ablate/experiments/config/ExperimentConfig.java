package org.ablate.experiments.config;

import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;
import org.ablate.core.config.Validated;
import org.ablate.models.config.ModelConfig;
import org.ablate.training.config.DataConfig;
import org.ablate.training.config.EvalConfig;
import org.ablate.training.config.TrainingConfig;

/**
 * An experiment file, fully resolved: presets, files and {@code --set} overrides merged, every
 * default filled in. {@code configs/reference.yaml} documents every key.
 */
public record ExperimentConfig(
    @Doc("experiment name; also names the run folder") String name,
    @Doc("one line saying what the experiment is for") @Default("null") String description,
    @Doc("named preset from the catalog that this file starts from ('./ablate list' shows them)")
        @Default("null")
        String preset,
    @Doc("seed of initialization, data order and dropout") @Default("1") @Range(min = 0) long seed,
    @Doc("the task and its data") DataConfig data,
    @Doc("the architecture") ModelConfig model,
    @Doc("optimization and budget") @Default("{}") TrainingConfig training,
    @Doc("evaluation and decoding") @Default("{}") EvalConfig eval,
    @Doc(
            "TensorFlow cluster for synchronous data-parallel training (start every task with ./ablate worker); null trains in one process")
        @Default("null")
        ClusterConfig cluster)
    implements Validated {
  @Override
  public void validate(Checks checks) {
    checks.require(
        !name.isBlank(),
        "name",
        "'"
            + checks.path("name")
            + "'"
            + " is empty; name the experiment (it also names the run folder), e.g. name: copy-test.");
    checks.require(
        cluster == null || training.budgetFlops() == null,
        "training",
        "training.budget_flops is counted by the process that trains, and a cluster run's workers"
            + " do not report theirs yet; in a run with a 'cluster:' section use training.steps"
            + " (or max_minutes), or train in one process.");
  }
}
