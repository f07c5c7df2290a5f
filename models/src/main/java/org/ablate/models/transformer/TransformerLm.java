package org.ablate.models.transformer;

import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Layer;
import org.ablate.layers.attention.Masks;
import org.ablate.layers.dense.Dense;
import org.ablate.layers.embedding.TokenEmbedding;
import org.ablate.layers.position.PositionalEncoding;
import org.ablate.models.DataSpec;
import org.ablate.models.LanguageModel;
import org.ablate.models.config.TransformerLmConfig;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * An encoder-only language model: scaled embeddings + positions + an encoder stack whose
 * self-attention is causal + a linear vocabulary head. Legend: B batch, T length, V vocabulary.
 */
public final class TransformerLm extends Layer implements LanguageModel {
  private final TransformerLmConfig config;
  private final TokenEmbedding embedding;
  private final PositionalEncoding positions;
  private final EncoderStack encoder;
  private final Dense head;

  TransformerLm(String name, TransformerLmConfig config, DataSpec data, Blocks blocks) {
    super(name);
    this.config = config;
    this.embedding =
        add(
            new TokenEmbedding(
                "embedding", data.sourceVocabulary(), config.block().dModel(), true));
    this.positions = add(blocks.positions("positions", config.block(), config.maxLength()));
    this.encoder =
        add(blocks.encoder("encoder", config.block(), config.layers(), positions.relative()));
    this.head =
        config.tieOutput()
            ? null
            : add(new Dense("head", config.block().dModel(), data.sourceVocabulary()));
  }

  @Override
  public Layer network() {
    return this;
  }

  @Override
  public Operand<TFloat32> logits(CallScope cs, Operand<TInt32> tokens) {
    checkBuilt();
    Ops tf = cs.tf();
    Operand<TFloat32> mask =
        config.causal() ? Masks.causal(tf, Masks.length(tf, tokens)) : Masks.padding(tf, tokens, 0);
    Operand<TFloat32> x =
        cs.dropout(positions.call(cs, embedding.call(cs, tokens)), config.block().dropout());
    Operand<TFloat32> h = encoder.call(cs, x, mask); // [B, T, D]
    return head == null ? embedding.logits(cs, h) : head.call(cs, h); // [B, T, V]
  }

  @Override
  public String describe() {
    return "TransformerLm(d_model="
        + config.block().dModel()
        + ", "
        + config.layers()
        + " layers"
        + (config.causal() ? ", causal" : ", bidirectional")
        + ")";
  }
}
