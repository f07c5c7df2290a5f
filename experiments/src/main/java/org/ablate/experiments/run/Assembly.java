package org.ablate.experiments.run;

import java.nio.file.Path;
import java.util.List;
import org.ablate.core.config.ConfigException;
import org.ablate.core.graph.GraphContext;
import org.ablate.core.graph.Hardware;
import org.ablate.core.registry.Registry;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.models.Model;
import org.ablate.models.config.ModelConfig;
import org.ablate.training.config.DataConfig;
import org.ablate.training.tasks.Batching;
import org.ablate.training.tasks.LossGraph;
import org.ablate.training.tasks.Task;
import org.ablate.training.tasks.TaskContext;
import org.tensorflow.Graph;

/**
 * One experiment composed into a TF graph: the task (data), the model chosen by {@code model.type}
 * with every slot filled by name, its weights, and the task's loss and evaluation ops. Owns the
 * {@link Graph}; close it to release native memory.
 */
public final class Assembly implements AutoCloseable {
  public final ExperimentConfig config;
  public final Task task;
  public final Model model;
  public final Graph graph;
  public final GraphContext context;
  public final List<LossGraph> losses;
  private final Registry registry;

  private Assembly(
      Registry registry,
      ExperimentConfig config,
      Task task,
      Model model,
      Graph graph,
      GraphContext context,
      List<LossGraph> losses) {
    this.registry = registry;
    this.config = config;
    this.task = task;
    this.model = model;
    this.graph = graph;
    this.context = context;
    this.losses = losses;
  }

  /** Loads the data, composes the model and builds its graph. {@code runDirectory} may be null. */
  public static Assembly build(ExperimentConfig config, Injection injection, Path runDirectory) {
    return build(config, injection, runDirectory, List.of(), null);
  }

  /**
   * The assembly of a trained run: its tokenizers must be in the run folder, data is read only when
   * evaluated, and relative data paths are also tried from the folder it was trained in.
   */
  public static Assembly open(ExperimentConfig config, Injection injection, Path runDirectory) {
    Task task = trainedTask(config, injection.registry(), runDirectory);
    return assemble(config, injection.registry(), task, List.of(), null);
  }

  /**
   * Like {@link #build(ExperimentConfig, Injection, Path)}, with weights and computation placed on
   * devices.
   */
  public static Assembly build(
      ExperimentConfig config,
      Injection injection,
      Path runDirectory,
      List<org.tensorflow.DeviceSpec> parameters,
      org.tensorflow.DeviceSpec compute) {
    Registry registry = injection.registry();
    return assemble(config, registry, task(config, registry, runDirectory), parameters, compute);
  }

  private static Assembly assemble(
      ExperimentConfig config,
      Registry registry,
      Task task,
      List<org.tensorflow.DeviceSpec> parameters,
      org.tensorflow.DeviceSpec compute) {
    checkSelection(config, task, registry.nameOf(DataConfig.SLOT.name(), config.data().getClass()));
    SizeCheck.check(config, registry, task.dataSpec());
    Model model = registry.make(ModelConfig.SLOT, config.model(), task.dataSpec());
    Graph graph = new Graph();
    try {
      GraphContext context =
          new GraphContext(
              graph,
              config.seed(),
              config.training().precision().resolve(Hardware::thisMachine).precision(),
              parameters,
              compute);
      model.network().build(context.params());
      List<LossGraph> losses = task.build(context, model, config.training().labelSmoothing());
      return new Assembly(registry, config, task, model, graph, context, losses);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /** The task of {@code config.data} for training (with the run's saved tokenizers, if any). */
  public static Task task(ExperimentConfig config, Registry registry, Path runDirectory) {
    return registry.make(
        DataConfig.SLOT,
        config.data(),
        new TaskContext(
            config.seed(), Batching.of(config.training()), config.eval(), runDirectory, registry));
  }

  /** The task of a trained run in {@code runDirectory} (see {@link #open}). */
  public static Task trainedTask(ExperimentConfig config, Registry registry, Path runDirectory) {
    return registry.make(
        DataConfig.SLOT,
        config.data(),
        new TaskContext(
            config.seed(),
            Batching.of(config.training()),
            config.eval(),
            runDirectory,
            registry,
            true,
            Provenance.trainedIn(runDirectory)));
  }

  private static void checkSelection(ExperimentConfig config, Task task, String dataType) {
    if (config.training().selectsLast()) {
      return;
    }
    String metric = config.training().selectBy();
    List<String> names = task.metricNames().stream().map(n -> "dev_" + n).toList();
    if (!names.contains(metric)) {
      throw new ConfigException(
          "training.select_by="
              + metric
              + " is not reported by data.type="
              + dataType
              + "; choose one of "
              + names
              + ".");
    }
  }

  /** The registered name of the model ({@code model.type}). */
  public String modelName() {
    return registry.nameOf(ModelConfig.SLOT.name(), config.model().getClass());
  }

  /** The registered name of the task ({@code data.type}). */
  public String dataName() {
    return registry.nameOf(DataConfig.SLOT.name(), config.data().getClass());
  }

  public long parameterCount() {
    return model.network().parameterCount();
  }

  @Override
  public void close() {
    graph.close();
  }
}
