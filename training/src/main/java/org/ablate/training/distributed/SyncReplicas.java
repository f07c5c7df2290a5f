package org.ablate.training.distributed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ablate.core.AblateException;
import org.ablate.core.graph.GraphContext;
import org.ablate.core.graph.Param;
import org.ablate.training.graph.Optimizer;
import org.ablate.training.tasks.Batch;
import org.ablate.training.tasks.LossGraph;
import org.ablate.training.tasks.Task;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.io.FifoQueue;
import org.tensorflow.op.train.ConditionalAccumulator;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Synchronous data-parallel training on TensorFlow's own ops (the SyncReplicas pattern): every
 * worker pushes its gradients (and its loss and work) into one {@code ConditionalAccumulator} per
 * weight on the ps task; the chief takes the mean of all workers' gradients, clips and applies it
 * with Adam, then releases the other workers for the next step through a token queue on the ps
 * task. Every worker builds the same graph; the accumulators and the queue are shared by name.
 */
public final class SyncReplicas {
  private final int workers;
  private final Placeholder<TInt64> step;
  private final Map<String, Op> push = new LinkedHashMap<>();
  private final Map<String, Operand<TFloat32>> losses = new LinkedHashMap<>();
  private final Optimizer.Update apply;
  private final Operand<TFloat32> meanLoss;
  private final Operand<TFloat32> meanUnits;
  private final Placeholder<TFloat32> units;
  private final Placeholder<TInt64> tokens;
  private final Op release;
  private final Operand<TInt64> nextToken;
  private final Operand<TInt32> pending;
  private final Op startAt;

  public SyncReplicas(
      GraphContext context, Optimizer optimizer, List<LossGraph> lossGraphs, int workers) {
    this.workers = workers;
    Ops ps = context.parameterOps().withSubScope("sync");
    Ops tf = context.tf().withSubScope("sync_inputs");
    step = tf.withName("step").placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    units = tf.withName("units").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    List<Param> params = optimizer.params();
    List<Operand<TString>> accumulators = new ArrayList<>();
    for (Param p : params) {
      accumulators.add(
          accumulator(context.besideWeight(ps, p), "gradient/" + p.name(), Shape.of(p.shape())));
    }
    Operand<TString> lossAccumulator = accumulator(ps, "loss", Shape.scalar());
    Operand<TString> unitAccumulator = accumulator(ps, "units", Shape.scalar());
    for (LossGraph g : lossGraphs) {
      List<Operand<TFloat32>> grads = optimizer.gradients(g.loss());
      List<Op> ops = new ArrayList<>();
      for (int i = 0; i < grads.size(); i++) {
        ops.add(tf.train.accumulatorApplyGradient(accumulators.get(i), step, grads.get(i)));
      }
      ops.add(tf.train.accumulatorApplyGradient(lossAccumulator, step, g.loss()));
      ops.add(tf.train.accumulatorApplyGradient(unitAccumulator, step, units));
      push.put(g.key(), tf.withControlDependencies(ops).noOp());
      losses.put(g.key(), g.loss());
    }
    Operand<TInt32> every = tf.constant(workers);
    List<Operand<TFloat32>> mean = new ArrayList<>();
    for (Operand<TString> acc : accumulators) {
      mean.add(tf.train.accumulatorTakeGradient(acc, every, TFloat32.class));
    }
    apply = optimizer.apply(mean);
    meanLoss = tf.train.accumulatorTakeGradient(lossAccumulator, every, TFloat32.class);
    meanUnits = tf.train.accumulatorTakeGradient(unitAccumulator, every, TFloat32.class);
    FifoQueue queue =
        ps.withName("tokens")
            .io
            .fifoQueue(
                List.of(TInt64.class),
                FifoQueue.shapes(Shape.scalar()),
                FifoQueue.capacity(1000L),
                FifoQueue.sharedName("ablate_sync_tokens"));
    List<Operand<TString>> all = new ArrayList<>(accumulators);
    all.add(lossAccumulator);
    all.add(unitAccumulator);
    List<Operand<TInt32>> counts = new ArrayList<>();
    List<Op> setSteps = new ArrayList<>();
    Operand<TInt64> previous = tf.math.sub(step, tf.constant(1L));
    for (Operand<TString> acc : all) {
      counts.add(tf.train.accumulatorNumAccumulated(acc));
      setSteps.add(tf.train.accumulatorSetGlobalStep(acc, previous));
    }
    counts.add(tf.io.queueSize(queue));
    pending = tf.math.addN(counts);
    startAt = tf.withControlDependencies(setSteps).noOp();
    tokens = tf.withName("tokens").placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
    release = tf.io.queueEnqueueMany(queue, List.of(tokens));
    nextToken =
        (Operand<TInt64>) tf.io.queueDequeue(queue, List.of(TInt64.class)).components().get(0);
  }

  private static Operand<TString> accumulator(Ops ps, String name, Shape shape) {
    return ps.train.conditionalAccumulator(
        TFloat32.class,
        shape,
        ConditionalAccumulator.sharedName("ablate_sync/" + name),
        ConditionalAccumulator.reductionType("MEAN"));
  }

  /**
   * One worker's share of step {@code step}: trains on micro-step {@code micro} of the data stream
   * with that micro-step's dropout seed and pushes the gradients, loss and unit count into the
   * accumulators on the ps task.
   */
  public void pushMicroStep(
      Session session, GraphContext context, Task task, long step, long micro, WorkerLog log) {
    try (Batch batch = task.trainBatch(micro);
        TInt64 seed = TInt64.vectorOf(context.stepSeedValue(micro));
        TInt64 s = TInt64.scalarOf(step);
        TFloat32 units = TFloat32.scalarOf(batch.units())) {
      Session.Runner runner = session.runner();
      batch.feeds().forEach(runner::feed);
      runner
          .feed(context.stepSeed(), seed)
          .feed(step(), s)
          .feed(units(), units)
          .addTarget(push(batch.graphKey()))
          .run();
      log.record(step, micro, batch);
    }
  }

  /**
   * Chief, before its first step {@code step} (1 for a new run, the step after the checkpoint for a
   * resumed one): checks that the ps tasks hold no gradients or tokens of an earlier chief's
   * unfinished step, and sets the accumulators' global step to {@code step - 1}, so that gradients
   * pushed for {@code step} are accepted (an accumulator drops gradients older than its step).
   */
  public void startAt(Session session, long step) {
    int stale;
    try (Result r = session.runner().fetch(pending).run()) {
      stale = ((TInt32) r.get(0)).getInt();
    }
    if (stale > 0) {
      throw new AblateException(
          "the ps task(s) still hold "
              + stale
              + " gradient(s) or step token(s) of a step an earlier chief did not finish, so"
              + " training cannot continue from a checkpoint against them; stop every task of the"
              + " cluster, start the ps tasks and workers again, then start the chief with --resume"
              + " (the weights come from its last checkpoint).");
    }
    try (TInt64 s = TInt64.scalarOf(step)) {
      session.runner().feed(this.step, s).addTarget(startAt).run();
    }
  }

  public int workers() {
    return workers;
  }

  public Placeholder<TInt64> step() {
    return step;
  }

  public Placeholder<TFloat32> units() {
    return units;
  }

  /** Pushes a worker's gradients, loss and work for a batch of graph {@code key}. */
  public Op push(String key) {
    return push.get(key);
  }

  public Operand<TFloat32> loss(String key) {
    return losses.get(key);
  }

  /** Chief: waits for every worker, applies the mean gradient; fetch the gradient norm. */
  public Optimizer.Update apply() {
    return apply;
  }

  /** Chief: the mean loss of the step over workers (run with {@link #apply()}). */
  public Operand<TFloat32> meanLoss() {
    return meanLoss;
  }

  public Operand<TFloat32> meanUnits() {
    return meanUnits;
  }

  public Placeholder<TInt64> tokens() {
    return tokens;
  }

  /** Chief: enqueue the fed tokens (next step numbers, or -1 to stop). */
  public Op release() {
    return release;
  }

  /** Worker: blocks for the next token. */
  public Operand<TInt64> nextToken() {
    return nextToken;
  }
}
