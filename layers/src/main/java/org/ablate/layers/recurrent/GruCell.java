package org.ablate.layers.recurrent;

import java.util.List;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Initializer;
import org.ablate.core.graph.ParamScope;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Gated recurrent unit (Cho et al. 2014), in the form PyTorch and cuDNN use:
 *
 * <pre>
 * r = sigmoid(x W_ir + b_ir + h W_hr + b_hr)
 * z = sigmoid(x W_iz + b_iz + h W_hz + b_hz)
 * n = tanh(x W_in + b_in + r * (h W_hn + b_hn))
 * h' = (1 - z) * n + z * h
 * </pre>
 *
 * Parameters: 3 (In H + H H + 2 H), with the extra {@code recurrent_bias [3H]}.
 */
final class GruCell extends RnnCell {
  private Variable<TFloat32> recurrentBias;

  GruCell(String name, int inputSize, int hiddenSize) {
    super(name, inputSize, hiddenSize);
  }

  @Override
  protected int gates() {
    return 3;
  }

  @Override
  public int stateCount() {
    return 1;
  }

  @Override
  protected void createParams(ParamScope scope) {
    super.createParams(scope);
    recurrentBias =
        param(scope, "recurrent_bias", new long[] {3L * hiddenSize}, Initializer.zeros());
  }

  @Override
  public List<Operand<TFloat32>> step(
      CallScope cs, Operand<TFloat32> projectedInput, List<Operand<TFloat32>> state) {
    checkBuilt();
    Ops tf = cs.tf();
    Operand<TFloat32> h = state.get(0);
    Operand<TFloat32> hp =
        tf.nn.biasAdd(cs.matmul(h, recurrentKernel, false), recurrentBias); // [B, 3H]
    List<Operand<TFloat32>> xi = splitGates(tf, projectedInput, 3);
    List<Operand<TFloat32>> hi = splitGates(tf, hp, 3);
    Operand<TFloat32> r = tf.math.sigmoid(tf.math.add(xi.get(0), hi.get(0)));
    Operand<TFloat32> z = tf.math.sigmoid(tf.math.add(xi.get(1), hi.get(1)));
    Operand<TFloat32> n = tf.math.tanh(tf.math.add(xi.get(2), tf.math.mul(r, hi.get(2))));
    // h' = n + z * (h - n), the same as (1 - z) * n + z * h with one op fewer.
    return List.of(tf.math.add(n, tf.math.mul(z, tf.math.sub(h, n))));
  }

  @Override
  public String describe() {
    return "GruCell(" + inputSize + " -> " + hiddenSize + ")";
  }
}
