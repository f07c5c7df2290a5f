package org.ablate.models.rnn;

import java.util.ArrayList;
import java.util.List;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Layer;
import org.ablate.layers.recurrent.Rnn;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Stacked, optionally bidirectional RNN layers with dropout between them. Returns the top layer's
 * outputs {@code [B, S, Hm]} (Hm = 2H when bidirectional) and a summary {@code [B, Hm]}: the top
 * layer's final forward state, concatenated with its final backward state (the state after reading
 * the first token) when bidirectional.
 */
public final class RnnEncoder extends Layer {
  private final List<Rnn> forward = new ArrayList<>();
  private final List<Rnn> backward = new ArrayList<>();
  private final double dropout;
  private final int outputSize;

  public RnnEncoder(
      String name,
      RnnParts.Cells cells,
      int inputSize,
      int hidden,
      int layers,
      boolean bidirectional,
      double dropout) {
    super(name);
    this.dropout = dropout;
    int in = inputSize;
    for (int i = 0; i < layers; i++) {
      forward.add(add(new Rnn("layer_" + i + "_forward", cells.create("cell", in, hidden), false)));
      if (bidirectional) {
        backward.add(
            add(new Rnn("layer_" + i + "_backward", cells.create("cell", in, hidden), true)));
      }
      in = bidirectional ? 2 * hidden : hidden;
    }
    this.outputSize = in;
  }

  /**
   * Outputs and summary of a run, and the top layer's final backward state {@code [B, H]} (its
   * state after reading the first token; null when the encoder is unidirectional).
   */
  public record Encoded(
      Operand<TFloat32> outputs, Operand<TFloat32> summary, Operand<TFloat32> backward) {}

  /** {@code x [B, S, In]} (static S), {@code mask [B, S]} -> outputs and summary. */
  public Encoded call(CallScope cs, Operand<TFloat32> x, Operand<TFloat32> mask) {
    checkBuilt();
    Ops tf = cs.tf();
    Operand<TFloat32> h = x;
    Operand<TFloat32> summary = null;
    Operand<TFloat32> last = null;
    for (int i = 0; i < forward.size(); i++) {
      if (i > 0) {
        h = cs.dropout(h, dropout);
      }
      Rnn.Result f = forward.get(i).call(cs, h, mask, null);
      if (backward.isEmpty()) {
        h = f.outputs();
        summary = f.finalState().get(0);
      } else {
        Rnn.Result b = backward.get(i).call(cs, h, mask, null);
        h = tf.concat(List.of(f.outputs(), b.outputs()), tf.constant(-1));
        summary = tf.concat(List.of(f.finalState().get(0), b.finalState().get(0)), tf.constant(-1));
        last = b.finalState().get(0);
      }
    }
    return new Encoded(h, summary, last);
  }

  /** Width Hm of the outputs and the summary. */
  public int outputSize() {
    return outputSize;
  }

  @Override
  public String describe() {
    return "RnnEncoder("
        + forward.size()
        + " layers"
        + (backward.isEmpty() ? "" : ", bidirectional")
        + ")";
  }
}
