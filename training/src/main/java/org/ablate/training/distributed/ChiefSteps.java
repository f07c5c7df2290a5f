package org.ablate.training.distributed;

import java.util.Arrays;
import org.ablate.core.graph.GraphContext;
import org.ablate.training.graph.Optimizer;
import org.ablate.training.loop.StepExecutor;
import org.ablate.training.tasks.Task;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The chief's step (worker 0): push its own gradients, wait for every worker's, apply their mean,
 * then release the other workers for the next step. Worker w trains on micro-step {@code (step - 1)
 * * W + w + 1}, so a W-worker run sees exactly the data (and dropout masks) of a single process
 * with {@code accumulate: W}, and no two workers see the same batch.
 */
public final class ChiefSteps implements StepExecutor {
  private final Session session;
  private final GraphContext context;
  private final Task task;
  private final SyncReplicas sync;
  private final WorkerLog log;
  private boolean started;

  public ChiefSteps(
      Session session, GraphContext context, Task task, SyncReplicas sync, WorkerLog log) {
    this.session = session;
    this.context = context;
    this.task = task;
    this.sync = sync;
    this.log = log;
  }

  /** Lets the other workers start at {@code step} (or stop, with -1). */
  void release(long step) {
    long[] values = new long[sync.workers() - 1];
    Arrays.fill(values, step);
    if (values.length == 0) {
      return;
    }
    try (TInt64 t = TInt64.vectorOf(values)) {
      session.runner().feed(sync.tokens(), t).addTarget(sync.release()).run();
    }
  }

  @Override
  public StepResult run(long step, Optimizer.StepInputs inputs) {
    if (!started) {
      sync.startAt(session, step); // a new run starts at 1, a resumed one after its checkpoint
      started = true;
    }
    release(step); // the other workers compute this step alongside the chief
    long micro = (step - 1) * sync.workers() + 1;
    sync.pushMicroStep(session, context, task, step, micro, log);
    double loss;
    double norm;
    double meanUnits;
    try (Result r =
        inputs
            .feed(session.runner())
            .addTarget(sync.apply().op())
            .fetch(sync.apply().gradientNorm())
            .fetch(sync.meanLoss())
            .fetch(sync.meanUnits())
            .run()) {
      norm = ((TFloat32) r.get(0)).getFloat();
      loss = ((TFloat32) r.get(1)).getFloat();
      meanUnits = ((TFloat32) r.get(2)).getFloat();
    }
    return new StepResult(loss, norm, Math.round(meanUnits * sync.workers()), 0);
  }

  /** Tells the other workers to stop (they block on the token queue otherwise). */
  @Override
  public void close() {
    release(-1);
  }
}
