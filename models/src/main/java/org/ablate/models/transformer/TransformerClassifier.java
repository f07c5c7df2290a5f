package org.ablate.models.transformer;

import java.util.List;
import java.util.Locale;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Layer;
import org.ablate.layers.attention.Masks;
import org.ablate.layers.dense.Dense;
import org.ablate.layers.embedding.TokenEmbedding;
import org.ablate.layers.position.PositionalEncoding;
import org.ablate.layers.vision.ClassToken;
import org.ablate.models.ClassifierModel;
import org.ablate.models.DataSpec;
import org.ablate.models.config.Pooling;
import org.ablate.models.config.TransformerClassifierConfig;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * An encoder-only Transformer classifier over token ids {@code [B, T]}: scaled embeddings, an
 * optional class token, positions, the encoder stack with a padding mask, pooling and a linear
 * head.
 */
public final class TransformerClassifier extends Layer implements ClassifierModel {
  private final TransformerClassifierConfig config;
  private final TokenEmbedding embedding;
  private final ClassToken classToken;
  private final PositionalEncoding positions;
  private final EncoderStack encoder;
  private final Dense head;

  TransformerClassifier(
      String name, TransformerClassifierConfig config, DataSpec data, Blocks blocks) {
    super(name);
    this.config = config;
    this.embedding =
        add(
            new TokenEmbedding(
                "embedding", data.sourceVocabulary(), config.block().dModel(), true));
    this.classToken =
        config.pooling() == Pooling.CLS
            ? add(new ClassToken("class_token", config.block().dModel()))
            : null;
    this.positions = add(blocks.positions("positions", config.block(), config.maxLength()));
    this.encoder =
        add(blocks.encoder("encoder", config.block(), config.layers(), positions.relative()));
    this.head = add(new Dense("head", config.block().dModel(), data.classes()));
  }

  @Override
  public Layer network() {
    return this;
  }

  @Override
  public Input input() {
    return Input.TOKENS;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Operand<TFloat32> logits(CallScope cs, Operand<?> input) {
    checkBuilt();
    Ops tf = cs.tf();
    Operand<TInt32> ids = (Operand<TInt32>) input;
    Operand<TFloat32> keep = Masks.notPad(tf, ids, 0); // [B, T]
    Operand<TFloat32> x = embedding.call(cs, ids); // [B, T, D]
    if (classToken != null) {
      x = classToken.call(cs, x); // [B, T + 1, D]
      Operand<TFloat32> ones =
          tf.fill(
              tf.stack(
                  List.of(
                      tf.gather(tf.shape(ids), tf.constant(0), tf.constant(0)), tf.constant(1))),
              tf.constant(1f));
      keep = tf.concat(List.of(ones, keep), tf.constant(1)); // [B, T + 1]
    }
    x = cs.dropout(positions.call(cs, x), config.block().dropout());
    Operand<TFloat32> h = encoder.call(cs, x, tf.expandDims(keep, tf.constant(1)));
    return head.call(cs, EncoderPooling.pool(tf, config.pooling(), h, keep));
  }

  @Override
  public String describe() {
    return "TransformerClassifier(d_model="
        + config.block().dModel()
        + ", "
        + config.layers()
        + " layers, "
        + config.pooling().name().toLowerCase(Locale.ROOT)
        + " pooling)";
  }
}
