package org.ablate.layers.recurrent;

import java.util.List;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Initializer;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Long short-term memory (Hochreiter and Schmidhuber 1997, with the forget gate of Gers et al.
 * 2000):
 *
 * <pre>
 * [i, f, g, o] = x W_x + h W_h + b
 * c' = sigmoid(f) * c + sigmoid(i) * tanh(g)
 * h' = sigmoid(o) * tanh(c')
 * </pre>
 *
 * The forget-gate bias starts at 1 (Jozefowicz et al. 2015). Parameters: 4 (In H + H H + H). State:
 * [h, c].
 */
final class LstmCell extends RnnCell {
  LstmCell(String name, int inputSize, int hiddenSize) {
    super(name, inputSize, hiddenSize);
  }

  @Override
  protected int gates() {
    return 4;
  }

  @Override
  public int stateCount() {
    return 2;
  }

  @Override
  protected Initializer biasInitializer() {
    int h = hiddenSize;
    return (tf, shape, seed) -> {
      float[] values = new float[4 * h];
      java.util.Arrays.fill(values, h, 2 * h, 1f);
      return tf.constant(values);
    };
  }

  @Override
  public List<Operand<TFloat32>> step(
      CallScope cs, Operand<TFloat32> projectedInput, List<Operand<TFloat32>> state) {
    checkBuilt();
    Ops tf = cs.tf();
    Operand<TFloat32> h = state.get(0);
    Operand<TFloat32> c = state.get(1);
    Operand<TFloat32> gates = tf.math.add(projectedInput, cs.matmul(h, recurrentKernel, false));
    List<Operand<TFloat32>> g = splitGates(tf, gates, 4);
    Operand<TFloat32> next =
        tf.math.add(
            tf.math.mul(tf.math.sigmoid(g.get(1)), c),
            tf.math.mul(tf.math.sigmoid(g.get(0)), tf.math.tanh(g.get(2))));
    Operand<TFloat32> out = tf.math.mul(tf.math.sigmoid(g.get(3)), tf.math.tanh(next));
    return List.of(out, next);
  }

  @Override
  public String describe() {
    return "LstmCell(" + inputSize + " -> " + hiddenSize + ")";
  }
}
