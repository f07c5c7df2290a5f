package org.ablate.training.graph;

import java.util.List;
import org.ablate.core.graph.Param;
import org.ablate.training.config.AdamConfig;
import org.ablate.training.config.AdamWConfig;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Adam (Kingma and Ba 2015) on the raw {@code ApplyAdam} op, with AdamW's decoupled weight decay
 * (Loshchilov and Hutter 2019) w <- w - lr_t * wd * w on weights of rank 2 or more, applied before
 * the Adam step. The bias-correction powers beta^t are fed every step, computed in Java from the
 * step number, so a restored run continues exactly. Moments live in slots {@code m} and {@code v}.
 */
public final class Adam implements UpdateRule {
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double weightDecay;

  public Adam(double beta1, double beta2, double epsilon, double weightDecay) {
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.weightDecay = weightDecay;
  }

  public static Adam of(AdamConfig c) {
    return new Adam(c.beta1(), c.beta2(), c.epsilon(), 0);
  }

  public static Adam of(AdamWConfig c) {
    return new Adam(c.beta1(), c.beta2(), c.epsilon(), c.weightDecay());
  }

  @Override
  public List<String> slots() {
    return List.of("m", "v");
  }

  @Override
  public List<StepScalar> stepScalars() {
    return List.of(
        new StepScalar("beta1_power", step -> Math.pow(beta1, step)),
        new StepScalar("beta2_power", step -> Math.pow(beta2, step)));
  }

  @Override
  public Op update(UpdateContext ctx, Param weight, Operand<TFloat32> gradient) {
    Ops tf = ctx.tf();
    Ops step = ctx.after();
    if (weightDecay > 0 && weight.shape().length >= 2) {
      Operand<TFloat32> decay =
          tf.math.mul(
              tf.math.mul(ctx.learningRate(), tf.constant((float) weightDecay)), weight.variable());
      step = tf.withControlDependencies(List.of(ctx.after().assignSub(weight.variable(), decay)));
    }
    return step.train.applyAdam(
        weight.variable(),
        ctx.slot(weight, "m"),
        ctx.slot(weight, "v"),
        ctx.scalar("beta1_power"),
        ctx.scalar("beta2_power"),
        ctx.learningRate(),
        tf.constant((float) beta1),
        tf.constant((float) beta2),
        tf.constant((float) epsilon),
        gradient);
  }
}
