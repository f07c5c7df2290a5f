package org.ablate.training.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ablate.core.graph.GraphContext;
import org.ablate.core.graph.Param;
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
 * Training updates around an {@link UpdateRule} (Adam, AdamW, or a plugin's): gradients are
 * computed for the trainable weights only ({@code Graph.addGradients}), clipped by global norm,
 * optionally accumulated over micro-batches, then handed to the rule; optionally every update also
 * moves an exponential moving average of the weights ({@link WeightAverage}). The learning rate and
 * the rule's step scalars are fed every step from Java (computed from the step number), so
 * schedules need no graph changes, no step counter races, and a restored run continues exactly. The
 * rule's slots are variables named {@code optimizer/<weight>/<slot>}, saved in checkpoints.
 */
public final class Optimizer {
  private final GraphContext context;
  private final List<Param> params;
  private final UpdateRule rule;
  private final double clipNorm;
  private final Map<String, Variable<TFloat32>> slots = new LinkedHashMap<>();
  private final List<Variable<TFloat32>> accumulators = new ArrayList<>();
  private final Placeholder<TFloat32> learningRate;
  private final Map<String, Placeholder<TFloat32>> scalars = new LinkedHashMap<>();
  private final WeightAverage average;
  private Update accumulatedUpdate;
  private int gradientGraphs;

  /** Ops of one training step: run {@code op}, fetch {@code gradientNorm} (before clipping). */
  public record Update(Op op, Operand<TFloat32> gradientNorm) {}

  public Optimizer(
      GraphContext context,
      List<Param> params,
      UpdateRule rule,
      double clipNorm,
      boolean accumulate) {
    this(context, params, rule, clipNorm, accumulate, 0);
  }

  /**
   * An optimizer whose every update also moves an exponential moving average of the weights with
   * {@code averageDecay} (0: no average; see {@link WeightAverage}).
   */
  public Optimizer(
      GraphContext context,
      List<Param> params,
      UpdateRule rule,
      double clipNorm,
      boolean accumulate,
      double averageDecay) {
    this.context = context;
    this.params = List.copyOf(params);
    this.rule = rule;
    this.clipNorm = clipNorm;
    Ops slotOps = context.parameterOps().withSubScope("optimizer");
    Ops tf = context.tf().withSubScope("optimizer_inputs");
    // Slots are created here, while the graph is small: each new name scope scans the whole graph.
    for (Param p : params) {
      Ops scope = context.besideWeight(scopeOf(slotOps, p.name()), p);
      for (String name : rule.slots()) {
        slots.put(p.name() + "/" + name, scope.withName(name).variable(zeros(scope, p)));
      }
      if (accumulate) {
        accumulators.add(scope.withName("accumulator").variable(zeros(scope, p)));
      }
    }
    learningRate =
        tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    for (UpdateRule.StepScalar s : rule.stepScalars()) {
      scalars.put(
          s.name(),
          tf.withName(s.name()).placeholder(TFloat32.class, Placeholder.shape(Shape.scalar())));
    }
    average = averageDecay > 0 ? new WeightAverage(context, params, averageDecay) : null;
  }

  /** The slot variable {@code optimizer/<weight>/<name>} the rule declared. */
  private Variable<TFloat32> slot(Param p, String name) {
    Variable<TFloat32> v = slots.get(p.name() + "/" + name);
    if (v == null) {
      throw new IllegalStateException(
          "the update rule reads slot '" + name + "' but declares only " + rule.slots());
    }
    return v;
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
    UpdateRule.UpdateContext ctx =
        new UpdateRule.UpdateContext() {
          @Override
          public Ops tf() {
            return tf;
          }

          @Override
          public Ops after() {
            return after;
          }

          @Override
          public Operand<TFloat32> learningRate() {
            return learningRate;
          }

          @Override
          public Operand<TFloat32> scalar(String name) {
            Placeholder<TFloat32> p = scalars.get(name);
            if (p == null) {
              throw new IllegalStateException(
                  "the update rule reads step scalar '"
                      + name
                      + "' but declares only "
                      + scalars.keySet());
            }
            return p;
          }

          @Override
          public Variable<TFloat32> slot(Param weight, String name) {
            return Optimizer.this.slot(weight, name);
          }
        };
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      updates.add(rule.update(ctx, params.get(i), clipped.get(i)));
    }
    if (average != null) {
      return new Update(average.update(tf, updates), norm);
    }
    return new Update(tf.withControlDependencies(updates).noOp(), norm);
  }

  /**
   * The inputs of 1-based optimizer step {@code step} at learning rate {@code lr}: the rate, the
   * rule's step scalars (Adam's bias-correction powers beta^step) and the weight average's decay.
   * Close them after the run.
   */
  public StepInputs stepInputs(long step, double lr) {
    List<TFloat32> values = new ArrayList<>();
    for (UpdateRule.StepScalar s : rule.stepScalars()) {
      values.add(TFloat32.scalarOf((float) s.valueAt().applyAsDouble(step)));
    }
    return new StepInputs(
        this,
        TFloat32.scalarOf((float) lr),
        values,
        average == null ? null : TFloat32.scalarOf((float) average.decayAt(step)));
  }

  /** One step's fed optimizer inputs (see {@link #stepInputs}). */
  public record StepInputs(Optimizer optimizer, TFloat32 lr, List<TFloat32> scalars, TFloat32 decay)
      implements AutoCloseable {
    /** Feeds these inputs to {@code runner}; returns it. */
    public Session.Runner feed(Session.Runner runner) {
      runner.feed(optimizer.learningRate, lr);
      int i = 0;
      for (Placeholder<TFloat32> p : optimizer.scalars.values()) {
        runner.feed(p, scalars.get(i++));
      }
      if (decay != null) {
        runner.feed(optimizer.average.stepDecay(), decay);
      }
      return runner;
    }

    @Override
    public void close() {
      lr.close();
      scalars.forEach(TFloat32::close);
      if (decay != null) {
        decay.close();
      }
    }
  }

  /** The moving average of the weights, if this optimizer keeps one. */
  public Optional<WeightAverage> average() {
    return Optional.ofNullable(average);
  }

  public UpdateRule rule() {
    return rule;
  }
}
