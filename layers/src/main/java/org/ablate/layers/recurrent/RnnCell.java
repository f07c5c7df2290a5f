package org.ablate.layers.recurrent;

import java.util.ArrayList;
import java.util.List;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Initializer;
import org.ablate.core.graph.Layer;
import org.ablate.core.graph.ParamScope;
import org.ablate.core.registry.SlotDef;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A recurrent cell with G gates of width H. The input-to-gates product is split out ({@link
 * #inputProjection}) so that an unrolled sequence computes it for all steps in one matmul; {@link
 * #step} then adds the recurrent part. State element 0 is always the output h.
 *
 * <p>Weights: {@code input_kernel [In, G H]}, {@code recurrent_kernel [H, G H]}, {@code bias [G
 * H]}, plus whatever a subclass adds.
 */
public abstract class RnnCell extends Layer {
  /** The {@code rnn_cell} slot, chosen by {@code model.cell}. */
  public static final SlotDef<Record, RnnCellSpec, RnnCell> SLOT =
      SlotDef.of("rnn_cell", Record.class, "recurrent cell");

  protected final int inputSize;
  protected final int hiddenSize;
  protected Variable<TFloat32> inputKernel;
  protected Variable<TFloat32> recurrentKernel;
  protected Variable<TFloat32> bias;

  protected RnnCell(String name, int inputSize, int hiddenSize) {
    super(name);
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
  }

  /** Number of gate blocks G. */
  protected abstract int gates();

  /** Number of state tensors (1 for GRU, 2 for LSTM). */
  public abstract int stateCount();

  @Override
  protected void createParams(ParamScope scope) {
    int g = gates() * hiddenSize;
    inputKernel =
        param(scope, "input_kernel", new long[] {inputSize, g}, Initializer.glorotUniform());
    recurrentKernel =
        param(scope, "recurrent_kernel", new long[] {hiddenSize, g}, Initializer.glorotUniform());
    bias = param(scope, "bias", new long[] {g}, biasInitializer());
  }

  protected Initializer biasInitializer() {
    return Initializer.zeros();
  }

  /** {@code x [..., In] -> [..., G H]}: x W_in + b, for all steps at once. */
  public Operand<TFloat32> inputProjection(CallScope cs, Operand<TFloat32> x) {
    checkBuilt();
    return cs.tf().nn.biasAdd(cs.project(x, inputKernel, false), bias);
  }

  /** One step: projected input {@code [B, G H]} and state -> new state (element 0 is h). */
  public abstract List<Operand<TFloat32>> step(
      CallScope cs, Operand<TFloat32> projectedInput, List<Operand<TFloat32>> state);

  /** Zero state for a batch of the given size. */
  public List<Operand<TFloat32>> zeroState(CallScope cs, Operand<TInt32> batchSize) {
    Ops tf = cs.tf();
    Operand<TFloat32> zeros =
        tf.fill(tf.stack(List.of(batchSize, tf.constant(hiddenSize))), tf.constant(0f));
    List<Operand<TFloat32>> state = new ArrayList<>();
    for (int i = 0; i < stateCount(); i++) {
      state.add(zeros);
    }
    return state;
  }

  public int inputSize() {
    return inputSize;
  }

  public int hiddenSize() {
    return hiddenSize;
  }

  /** Splits {@code [B, G H]} into G blocks of {@code [B, H]}. */
  protected static List<Operand<TFloat32>> splitGates(Ops tf, Operand<TFloat32> x, int g) {
    List<Operand<TFloat32>> parts = new ArrayList<>();
    tf.split(tf.constant(1), x, (long) g).forEach(parts::add);
    return parts;
  }
}
