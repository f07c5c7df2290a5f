package org.ablate.experiments.run;

import java.nio.file.Path;
import java.util.List;
import org.ablate.core.config.ConfigException;
import org.ablate.core.graph.GraphContext;
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
    return build(config, injection, runDirectory, null, null);
  }

  /**
   * Like {@link #build(ExperimentConfig, Injection, Path)}, with weights and computation placed on
   * devices.
   */
  public static Assembly build(
      ExperimentConfig config,
      Injection injection,
      Path runDirectory,
      org.tensorflow.DeviceSpec parameters,
      org.tensorflow.DeviceSpec compute) {
    Registry registry = injection.registry();
    Task task = task(config, registry, runDirectory);
    checkSelection(config, task, registry.nameOf(DataConfig.SLOT.name(), config.data().getClass()));
    Model model = registry.make(ModelConfig.SLOT, config.model(), task.dataSpec());
    Graph graph = new Graph();
    try {
      GraphContext context =
          new GraphContext(
              graph, config.seed(), config.training().precision(), parameters, compute);
      model.network().build(context.params());
      List<LossGraph> losses = task.build(context, model, config.training().labelSmoothing());
      return new Assembly(registry, config, task, model, graph, context, losses);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /** The task of {@code config.data} (with the run's saved tokenizers, if any). */
  public static Task task(ExperimentConfig config, Registry registry, Path runDirectory) {
    return registry.make(
        DataConfig.SLOT,
        config.data(),
        new TaskContext(
            config.seed(), Batching.of(config.training()), config.eval(), runDirectory, registry));
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
