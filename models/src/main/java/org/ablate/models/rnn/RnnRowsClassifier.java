package org.ablate.models.rnn;

import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Layer;
import org.ablate.layers.dense.Dense;
import org.ablate.models.ClassifierModel;
import org.ablate.models.DataSpec;
import org.ablate.models.config.RnnRowsConfig;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Reads an image {@code [B, H, W, C]} as a sequence of H rows of W C values with a (stacked,
 * optionally bidirectional) RNN; the final state goes through dropout to a linear head.
 */
public final class RnnRowsClassifier extends Layer implements ClassifierModel {
  private final RnnRowsConfig config;
  private final RnnEncoder encoder;
  private final Dense head;
  private final int rows;
  private final int rowWidth;

  RnnRowsClassifier(String name, RnnRowsConfig config, DataSpec data, RnnParts parts) {
    super(name);
    this.config = config;
    this.rows = data.imageHeight();
    this.rowWidth = data.imageWidth() * data.channels();
    this.encoder =
        add(
            new RnnEncoder(
                "encoder",
                parts.cells(config.cell()),
                rowWidth,
                config.hiddenSize(),
                config.layers(),
                config.bidirectional(),
                config.dropout()));
    this.head = add(new Dense("head", encoder.outputSize(), data.classes()));
  }

  @Override
  public Layer network() {
    return this;
  }

  @Override
  public Input input() {
    return Input.IMAGES;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Operand<TFloat32> logits(CallScope cs, Operand<?> input) {
    checkBuilt();
    Ops tf = cs.tf();
    Operand<TFloat32> sequence =
        tf.reshape(
            (Operand<TFloat32>) input, tf.constant(new int[] {-1, rows, rowWidth})); // [B, H, W C]
    RnnEncoder.Encoded enc = encoder.call(cs, sequence, null);
    return head.call(cs, cs.dropout(enc.summary(), config.dropout()));
  }

  @Override
  public String describe() {
    return "RnnRowsClassifier(" + config.cell() + ", " + rows + " rows of " + rowWidth + ")";
  }
}
