package org.ablate.training.graph;

import java.util.ArrayList;
import java.util.List;
import org.ablate.core.graph.GraphContext;
import org.ablate.core.graph.Param;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * An exponential moving average of the trainable weights (Polyak averaging, as TensorFlow's {@code
 * ExponentialMovingAverage}, Keras' {@code use_ema} and timm's model EMA): after every optimizer
 * step {@code average <- d * average + (1 - d) * weight}, with {@code d = min(decay, (1 + t) / (10
 * + t))} at step t, so early averages follow the weights closely and the zero start fades within a
 * few dozen steps.
 *
 * <p>The averages are variables named {@code weight_average/<weight>}; {@code
 * weight_average_trained/<weight>} holds the trained weights while the averages stand in for them.
 * Both are saved in checkpoints. The trainer evaluates and checkpoints with the averages in place
 * ({@link #useAverage}) and switches back ({@link #useTrained}) to continue training, so every
 * checkpoint holds the averaged weights under the model's own names (what the test evaluation,
 * translation and export read) and the trained weights beside them (what a resumed run continues
 * from).
 */
public final class WeightAverage {
  private final double decay;
  private final List<Param> params;
  private final List<Variable<TFloat32>> averages = new ArrayList<>();
  private final List<Variable<TFloat32>> trained = new ArrayList<>();
  private final Placeholder<TFloat32> stepDecay;
  private final Op keepTrained;
  private final Op loadAverage;
  private final Op loadTrained;

  public WeightAverage(GraphContext context, List<Param> params, double decay) {
    if (!(decay > 0 && decay < 1)) {
      throw new IllegalArgumentException("weight-average decay must be in (0, 1), not " + decay);
    }
    this.decay = decay;
    this.params = List.copyOf(params);
    Ops vars = context.parameterOps();
    for (Param p : params) {
      averages.add(variable(context.besideWeight(vars.withSubScope("weight_average"), p), p));
      trained.add(
          variable(context.besideWeight(vars.withSubScope("weight_average_trained"), p), p));
    }
    Ops tf = context.tf().withSubScope("weight_average_ops");
    stepDecay = tf.withName("decay").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    keepTrained = copies(tf.withSubScope("keep_trained"), weights(), trained);
    loadAverage = copies(tf.withSubScope("load_average"), averages, weights());
    loadTrained = copies(tf.withSubScope("load_trained"), trained, weights());
  }

  /** A zero-initialised variable named {@code <scope>/<weight name>}, shaped like {@code p}. */
  private static Variable<TFloat32> variable(Ops scope, Param p) {
    int slash = p.name().lastIndexOf('/');
    Ops s = slash < 0 ? scope : Optimizer.scopeOf(scope, p.name().substring(0, slash));
    return s.withName(p.name().substring(slash + 1)).variable(Optimizer.zeros(s, p));
  }

  private List<Variable<TFloat32>> weights() {
    return params.stream().map(Param::variable).toList();
  }

  private static Op copies(Ops tf, List<Variable<TFloat32>> from, List<Variable<TFloat32>> to) {
    List<Op> assigns = new ArrayList<>();
    for (int i = 0; i < from.size(); i++) {
      assigns.add(tf.assign(to.get(i), tf.identity(from.get(i))));
    }
    return tf.withControlDependencies(assigns).noOp();
  }

  /**
   * The op that moves every average towards its weight; {@code after} must include the weight
   * updates, so the averages see the updated weights.
   */
  public Op update(Ops tf, List<Op> after) {
    Ops scope = tf.withSubScope("weight_average_update").withControlDependencies(after);
    Operand<TFloat32> rate = scope.math.sub(scope.constant(1f), stepDecay);
    List<Op> moves = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      Variable<TFloat32> average = averages.get(i);
      Operand<TFloat32> gap = scope.math.sub(average, params.get(i).variable());
      moves.add(scope.assignSub(average, scope.math.mul(gap, rate)));
    }
    return scope.withControlDependencies(moves).noOp();
  }

  /** The decay at 1-based optimizer step {@code step}: min(decay, (1 + t) / (10 + t)). */
  public double decayAt(long step) {
    return Math.min(decay, (1.0 + step) / (10.0 + step));
  }

  /** The placeholder fed with {@link #decayAt} every step. */
  public Placeholder<TFloat32> stepDecay() {
    return stepDecay;
  }

  /** Puts the averages in the weights' place, keeping the trained weights aside. */
  public void useAverage(Session session) {
    session.runner().addTarget(keepTrained).run();
    session.runner().addTarget(loadAverage).run();
  }

  /** Puts the trained weights back (after {@link #useAverage}, or after restoring a checkpoint). */
  public void useTrained(Session session) {
    session.runner().addTarget(loadTrained).run();
  }

  /** The averages, in the order of the weights. */
  public List<Variable<TFloat32>> averages() {
    return averages;
  }
}
