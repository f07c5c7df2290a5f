package org.ablate.layers.recurrent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Layer;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Runs a cell over a sequence, unrolled over the static length T of the input (TF Java has no
 * gradients for graph while-loops, so the sequence length must be known when the graph is built;
 * batches are bucketed by length). Padded steps leave the state unchanged, so the final state of
 * each sequence is the state after its last real token, in either direction.
 *
 * <p>Legend: B batch, T steps, In input width, H hidden width.
 */
public final class Rnn extends Layer {
  private final RnnCell cell;
  private final boolean reverse;

  public Rnn(String name, RnnCell cell, boolean reverse) {
    super(name);
    this.cell = add(cell);
    this.reverse = reverse;
  }

  /** Outputs and final state of a run. */
  public record Result(Operand<TFloat32> outputs, List<Operand<TFloat32>> finalState) {}

  /**
   * {@code x [B, T, In]} with static T and {@code mask [B, T]} (1 real, 0 padding; null = all real)
   * -> outputs {@code [B, T, H]} (zero at padding) and the final state.
   */
  public Result call(
      CallScope cs, Operand<TFloat32> x, Operand<TFloat32> mask, List<Operand<TFloat32>> initial) {
    checkBuilt();
    Ops tf = cs.tf();
    long steps = x.shape().size(1);
    if (steps < 0) {
      throw new IllegalStateException(
          "RNN " + name() + " needs a static sequence length, got " + x.shape());
    }
    Operand<TFloat32> projected = cell.inputProjection(cs, x); // [B, T, G H]
    List<Operand<TFloat32>> inputs = unstack(tf, projected, steps);
    List<Operand<TFloat32>> masks =
        mask == null ? null : unstack(tf, tf.expandDims(mask, tf.constant(-1)), steps);
    List<Operand<TFloat32>> state =
        initial != null ? initial : cell.zeroState(cs, batchSize(tf, x));
    List<Operand<TFloat32>> outputs = new ArrayList<>(Collections.nCopies((int) steps, null));
    for (int i = 0; i < steps; i++) {
      int t = reverse ? (int) steps - 1 - i : i;
      List<Operand<TFloat32>> next = cell.step(cs, inputs.get(t), state);
      if (masks != null) {
        Operand<TFloat32> m = masks.get(t); // [B, 1]
        List<Operand<TFloat32>> kept = new ArrayList<>();
        for (int s = 0; s < next.size(); s++) {
          // state' = state + m * (next - state): unchanged on padding.
          kept.add(
              tf.math.add(state.get(s), tf.math.mul(m, tf.math.sub(next.get(s), state.get(s)))));
        }
        outputs.set(t, tf.math.mul(next.get(0), m));
        next = kept;
      } else {
        outputs.set(t, next.get(0));
      }
      state = next;
    }
    return new Result(tf.stack(outputs, org.tensorflow.op.core.Stack.axis(1L)), state);
  }

  private static List<Operand<TFloat32>> unstack(Ops tf, Operand<TFloat32> x, long steps) {
    List<Operand<TFloat32>> parts = new ArrayList<>();
    tf.unstack(x, steps, org.tensorflow.op.core.Unstack.axis(1L)).forEach(parts::add);
    return parts;
  }

  static Operand<TInt32> batchSize(Ops tf, Operand<?> x) {
    return tf.gather(tf.shape(x), tf.constant(0), tf.constant(0));
  }

  public RnnCell cell() {
    return cell;
  }

  @Override
  public String describe() {
    return "Rnn(" + (reverse ? "backward" : "forward") + ", unrolled)";
  }
}
