package org.ablate.training.loop;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ablate.core.graph.GraphContext;
import org.ablate.training.graph.Optimizer;
import org.ablate.training.graph.TrainingFlops;
import org.ablate.training.tasks.Batch;
import org.ablate.training.tasks.LossGraph;
import org.ablate.training.tasks.Task;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * One process's training step: the batch of each micro-step (prepared ahead on a background thread)
 * with its dropout seed, gradients, optional accumulation over {@code accumulate} micro-batches,
 * clipping and Adam; and the step's training FLOPs, counted from the graph ({@link TrainingFlops}).
 */
public final class LocalSteps implements StepExecutor {
  private final Session session;
  private final GraphContext context;
  private final Task task;
  private final Optimizer optimizer;
  private final int micro;
  private final Map<String, LossGraph> losses = new LinkedHashMap<>();
  private final Map<String, Op> accumulate = new LinkedHashMap<>();
  private final Map<String, Operand<TInt64>> flops = new LinkedHashMap<>();
  private final Map<String, Optimizer.Update> updates = new LinkedHashMap<>();
  private final Optimizer.Update apply;
  private Prefetcher prefetch;

  public LocalSteps(
      Session session,
      GraphContext context,
      Task task,
      List<LossGraph> lossGraphs,
      Optimizer optimizer,
      int micro) {
    this.session = session;
    this.context = context;
    this.task = task;
    this.optimizer = optimizer;
    this.micro = micro;
    for (LossGraph g : lossGraphs) {
      losses.put(g.key(), g);
      flops.put(g.key(), TrainingFlops.of(context.tf().withSubScope("flops_" + g.key()), g.loss()));
      if (micro > 1) {
        accumulate.put(g.key(), optimizer.accumulate(g.loss()));
      } else {
        updates.put(g.key(), optimizer.minimize(g.loss()));
      }
    }
    this.apply = micro > 1 ? optimizer.applyAccumulated(micro) : null;
  }

  @Override
  public StepResult run(long step, Optimizer.StepInputs inputs) {
    if (prefetch == null) {
      prefetch = new Prefetcher(task, (step - 1) * micro + 1, 4);
    }
    double loss = 0;
    double norm = Double.NaN;
    long units = 0;
    long stepFlops = 0;
    for (int m = 1; m <= micro; m++) {
      long microStep = (step - 1) * micro + m;
      try (Batch batch = prefetch.next();
          TInt64 seed = TInt64.vectorOf(context.stepSeedValue(microStep))) {
        Session.Runner runner = session.runner();
        batch.feeds().forEach(runner::feed);
        inputs.feed(runner.feed(context.stepSeed(), seed));
        runner.fetch(losses.get(batch.graphKey()).loss()).fetch(flops.get(batch.graphKey()));
        if (micro == 1) {
          Optimizer.Update u = updates.get(batch.graphKey());
          runner.addTarget(u.op()).fetch(u.gradientNorm());
        } else {
          runner.addTarget(accumulate.get(batch.graphKey()));
        }
        try (Result r = runner.run()) {
          loss += ((TFloat32) r.get(0)).getFloat() / micro;
          stepFlops += ((TInt64) r.get(1)).getLong();
          if (micro == 1) {
            norm = ((TFloat32) r.get(2)).getFloat();
          }
        }
        units += batch.units();
      }
    }
    if (micro > 1) {
      try (Result r =
          inputs.feed(session.runner()).addTarget(apply.op()).fetch(apply.gradientNorm()).run()) {
        norm = ((TFloat32) r.get(0)).getFloat();
      }
    }
    return new StepResult(loss, norm, units, stepFlops);
  }

  @Override
  public void close() {
    if (prefetch != null) {
      prefetch.close();
    }
  }
}
