package org.ablate.training.graph;

import java.util.List;
import java.util.function.LongToDoubleFunction;
import org.ablate.core.graph.Param;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * How an optimizer moves one weight given its gradient: what the {@code optimizer} slot makes from
 * its config. The {@link Optimizer} around it computes, clips and accumulates the gradients, feeds
 * the learning rate and the rule's step scalars, and keeps the optional weight average.
 *
 * <pre>{@code
 * // plain SGD: w <- w - lr g
 * UpdateRule sgd = (ctx, weight, g) ->
 *     ctx.after().assignSub(weight.variable(), ctx.tf().math.mul(ctx.learningRate(), g));
 * }</pre>
 *
 * A rule with state per weight (momentum, moments) names it in {@link #slots}.
 */
@FunctionalInterface
public interface UpdateRule {
  /** A scalar fed at every step besides the learning rate, e.g. Adam's beta1^t. */
  record StepScalar(String name, LongToDoubleFunction valueAt) {}

  /**
   * The names of the state variables the rule keeps per weight (Adam's {@code m} and {@code v}),
   * created with the optimizer, before the gradient graph: {@link UpdateContext#slot} returns them.
   */
  default List<String> slots() {
    return List.of();
  }

  /** The step scalars {@link UpdateContext#scalar} reads, each a function of the 1-based step. */
  default List<StepScalar> stepScalars() {
    return List.of();
  }

  /**
   * The op that updates {@code weight} by its (clipped) {@code gradient}; state the rule keeps
   * between steps lives in {@link UpdateContext#slot}s.
   */
  Op update(UpdateContext ctx, Param weight, Operand<TFloat32> gradient);

  /** What a rule may use while adding its update ops. */
  interface UpdateContext {
    /** Ops with no ordering constraint. */
    Ops tf();

    /** Ops that run after every gradient of the step is computed: write weights with these. */
    Ops after();

    /** The learning rate of this step (the schedule's factor times the peak rate). */
    Operand<TFloat32> learningRate();

    /** The value of a step scalar this rule declared. */
    Operand<TFloat32> scalar(String name);

    /**
     * The zero-initialized state variable {@code name} (one of {@link #slots}) of the weight, of
     * its shape, named {@code optimizer/<weight>/<name>} and saved in checkpoints.
     */
    Variable<TFloat32> slot(Param weight, String name);
  }
}
