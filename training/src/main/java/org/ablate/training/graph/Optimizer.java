package org.ablate.training.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ablate.core.graph.GraphContext;
import org.ablate.core.graph.Param;
import org.ablate.training.config.OptimizerConfig;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Adam / AdamW on raw {@code ApplyAdam} ops. The learning rate and the bias-correction powers
 * beta^t are fed every step from Java (computed from the step number), so schedules need no graph
 * changes, there is no race on beta-power variables, and a restored run continues exactly. Moment
 * slots are variables named {@code optimizer/<weight>/m} and {@code .../v}, saved in checkpoints.
 *
 * <p>Gradients are computed for the trainable weights only ({@code Graph.addGradients}), clipped by
 * global norm, optionally accumulated over micro-batches, then applied; optionally every update
 * also moves an exponential moving average of the weights ({@link WeightAverage}).
 */
public final class Optimizer {
  private final GraphContext context;
  private final List<Param> params;
  private final OptimizerConfig config;
  private final double clipNorm;
  private final List<Variable<TFloat32>> m = new ArrayList<>();
  private final List<Variable<TFloat32>> v = new ArrayList<>();
  private final List<Variable<TFloat32>> accumulators = new ArrayList<>();
  private final Placeholder<TFloat32> learningRate;
  private final Placeholder<TFloat32> beta1Power;
  private final Placeholder<TFloat32> beta2Power;
  private final WeightAverage average;
  private Update accumulatedUpdate;
  private int gradientGraphs;

  /** Ops of one training step: run {@code op}, fetch {@code gradientNorm} (before clipping). */
  public record Update(Op op, Operand<TFloat32> gradientNorm) {}

  public Optimizer(
      GraphContext context,
      List<Param> params,
      OptimizerConfig config,
      double clipNorm,
      boolean accumulate) {
    this(context, params, config, clipNorm, accumulate, 0);
  }

  /**
   * An optimizer whose every update also moves an exponential moving average of the weights with
   * {@code averageDecay} (0: no average; see {@link WeightAverage}).
   */
  public Optimizer(
      GraphContext context,
      List<Param> params,
      OptimizerConfig config,
      double clipNorm,
      boolean accumulate,
      double averageDecay) {
    this.context = context;
    this.params = List.copyOf(params);
    this.config = config;
    this.clipNorm = clipNorm;
    Ops slots = context.parameterOps().withSubScope("optimizer");
    Ops tf = context.tf().withSubScope("optimizer_inputs");
    for (Param p : params) {
      Ops slot = scopeOf(slots, p.name());
      m.add(slot.withName("m").variable(zeros(slot, p)));
      v.add(slot.withName("v").variable(zeros(slot, p)));
      if (accumulate) {
        accumulators.add(slot.withName("accumulator").variable(zeros(slot, p)));
      }
    }
    learningRate =
        tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    beta1Power =
        tf.withName("beta1_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    beta2Power =
        tf.withName("beta2_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    average = averageDecay > 0 ? new WeightAverage(context, params, averageDecay) : null;
  }

  /** Zeros of {@code p}'s shape, built in the init scope (the start of every slot variable). */
  static Operand<TFloat32> zeros(Ops tf, Param p) {
    return tf.withInitScope()
        .fill(tf.withInitScope().constant(p.shape()), tf.withInitScope().constant(0f));
  }

  /** {@code tf} nested in one sub-scope per part of the slash-separated {@code name}. */
  static Ops scopeOf(Ops tf, String name) {
    Ops scope = tf;
    for (String part : name.split("/")) {
      scope = scope.withSubScope(part);
    }
    return scope;
  }

  /** d loss / d weights, for the trainable weights only, in the order of {@link #params()}. */
  @SuppressWarnings("unchecked")
  public List<Operand<TFloat32>> gradients(Operand<TFloat32> loss) {
    Output<?>[] xs = params.stream().map(p -> p.variable().asOutput()).toArray(Output[]::new);
    Ops tf = context.tf();
    Output<?>[] dx = {tf.withSubScope("gradient_seed_" + gradientGraphs).constant(1f).asOutput()};
    Output<?>[] grads =
        context
            .graph()
            .addGradients(
                "gradients_" + gradientGraphs++, new Output<?>[] {loss.asOutput()}, xs, dx);
    List<Operand<TFloat32>> out = new ArrayList<>();
    for (int i = 0; i < grads.length; i++) {
      if (grads[i] == null) {
        throw new IllegalStateException(
            "weight " + params.get(i).name() + " does not affect the loss; remove it or use it");
      }
      out.add((Output<TFloat32>) grads[i]);
    }
    return out;
  }

  /** A step that computes the gradients of {@code loss} and applies them. */
  public Update minimize(Operand<TFloat32> loss) {
    return apply(context.tf().withSubScope("apply_" + gradientGraphs), gradients(loss));
  }

  /**
   * A micro-step that adds the gradients of {@code loss} to the accumulators (accumulation only).
   */
  public Op accumulate(Operand<TFloat32> loss) {
    Ops tf = context.tf().withSubScope("accumulate_" + gradientGraphs);
    List<Operand<TFloat32>> grads = gradients(loss);
    List<Op> adds = new ArrayList<>();
    for (int i = 0; i < grads.size(); i++) {
      adds.add(tf.assignAdd(accumulators.get(i), grads.get(i)));
    }
    return tf.withControlDependencies(adds).noOp();
  }

  /**
   * The step that applies the mean of {@code micro} accumulated gradients and zeroes the
   * accumulators (shared by every accumulating graph).
   */
  public Update applyAccumulated(int micro) {
    if (accumulatedUpdate == null) {
      Ops tf = context.tf().withSubScope("apply_accumulated");
      List<Operand<TFloat32>> grads = new ArrayList<>();
      for (Variable<TFloat32> acc : accumulators) {
        grads.add(tf.math.mul(acc, tf.constant(1f / micro)));
      }
      Update apply = apply(tf, grads);
      List<Op> zero = new ArrayList<>();
      Ops after = tf.withControlDependencies(List.of(apply.op()));
      for (Variable<TFloat32> acc : accumulators) {
        zero.add(after.assign(acc, after.zerosLike(acc)));
      }
      accumulatedUpdate =
          new Update(after.withControlDependencies(zero).noOp(), apply.gradientNorm());
    }
    return accumulatedUpdate;
  }

  /** A step that clips {@code grads} (one per weight, in order) by global norm and applies them. */
  public Update apply(List<Operand<TFloat32>> grads) {
    return apply(context.tf().withSubScope("apply_" + gradientGraphs++), grads);
  }

  public List<Param> params() {
    return params;
  }

  private Update apply(Ops tf, List<Operand<TFloat32>> grads) {
    List<Operand<TFloat32>> squares = new ArrayList<>();
    for (Operand<TFloat32> g : grads) {
      squares.add(tf.nn.l2Loss(g)); // sum(g^2) / 2, one fused pass
    }
    Operand<TFloat32> norm = tf.math.sqrt(tf.math.mul(tf.math.addN(squares), tf.constant(2f)));
    List<Operand<TFloat32>> clipped = grads;
    if (clipNorm > 0) {
      Operand<TFloat32> c = tf.constant((float) clipNorm);
      Operand<TFloat32> scale = tf.math.div(c, tf.math.maximum(norm, c));
      clipped = new ArrayList<>();
      for (Operand<TFloat32> g : grads) {
        clipped.add(tf.math.mul(g, scale));
      }
    }
    // Weights are updated in place: no update may start before every gradient (whose backward ops
    // read the weights, e.g. dX = dY W^T) has been computed, or it would see half-updated weights.
    List<org.tensorflow.Operation> computed = new ArrayList<>();
    for (Operand<TFloat32> g : clipped) {
      computed.add(g.op());
    }
    computed.add(norm.op());
    Ops after = tf.withControlDependencies(List.of(tf.withControlDependencyOps(computed).noOp()));
    List<Op> updates = new ArrayList<>();
    Operand<TFloat32> b1 = tf.constant((float) config.beta1());
    Operand<TFloat32> b2 = tf.constant((float) config.beta2());
    Operand<TFloat32> eps = tf.constant((float) config.epsilon());
    for (int i = 0; i < params.size(); i++) {
      Variable<TFloat32> w = params.get(i).variable();
      Ops step = after;
      if (config.weightDecay() > 0 && params.get(i).shape().length >= 2) {
        // AdamW: w <- w - lr_t * wd * w, decoupled from the gradient, before the Adam update.
        Operand<TFloat32> decay =
            tf.math.mul(tf.math.mul(learningRate, tf.constant((float) config.weightDecay())), w);
        step = tf.withControlDependencies(List.of(after.assignSub(w, decay)));
      }
      updates.add(
          step.train.applyAdam(
              w,
              m.get(i),
              v.get(i),
              beta1Power,
              beta2Power,
              learningRate,
              b1,
              b2,
              eps,
              clipped.get(i)));
    }
    if (average != null) {
      return new Update(average.update(tf, updates), norm);
    }
    return new Update(tf.withControlDependencies(updates).noOp(), norm);
  }

  /**
   * The inputs of 1-based optimizer step {@code step} at learning rate {@code lr}: the rate, Adam's
   * bias-correction powers beta^step and the weight average's decay. Close them after the run.
   */
  public StepInputs stepInputs(long step, double lr) {
    return new StepInputs(
        this,
        TFloat32.scalarOf((float) lr),
        TFloat32.scalarOf((float) Math.pow(config.beta1(), step)),
        TFloat32.scalarOf((float) Math.pow(config.beta2(), step)),
        average == null ? null : TFloat32.scalarOf((float) average.decayAt(step)));
  }

  /** One step's fed optimizer inputs (see {@link #stepInputs}). */
  public record StepInputs(
      Optimizer optimizer, TFloat32 lr, TFloat32 beta1Power, TFloat32 beta2Power, TFloat32 decay)
      implements AutoCloseable {
    /** Feeds these inputs to {@code runner}; returns it. */
    public Session.Runner feed(Session.Runner runner) {
      runner
          .feed(optimizer.learningRate, lr)
          .feed(optimizer.beta1Power, beta1Power)
          .feed(optimizer.beta2Power, beta2Power);
      if (decay != null) {
        runner.feed(optimizer.average.stepDecay(), decay);
      }
      return runner;
    }

    @Override
    public void close() {
      lr.close();
      beta1Power.close();
      beta2Power.close();
      if (decay != null) {
        decay.close();
      }
    }
  }

  /** The moving average of the weights, if this optimizer keeps one. */
  public Optional<WeightAverage> average() {
    return Optional.ofNullable(average);
  }

  public OptimizerConfig config() {
    return config;
  }
}
