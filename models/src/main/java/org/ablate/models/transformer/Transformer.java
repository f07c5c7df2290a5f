package org.ablate.models.transformer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ablate.core.config.ConfigException;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Layer;
import org.ablate.layers.attention.AttentionMemory;
import org.ablate.layers.attention.Masks;
import org.ablate.layers.dense.Dense;
import org.ablate.layers.embedding.TokenEmbedding;
import org.ablate.layers.position.PositionalEncoding;
import org.ablate.models.DataSpec;
import org.ablate.models.Seq2SeqModel;
import org.ablate.models.SharedEmbeddings;
import org.ablate.models.config.TransformerConfig;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The encoder-decoder Transformer (Vaswani et al. 2017): scaled token embeddings plus positions
 * (with dropout), N encoder layers, N decoder layers (masked self-attention, cross-attention over
 * the encoder output, feed-forward), and a linear output projection to the target vocabulary.
 *
 * <p>Incremental decoding computes the cross-attention keys and values of every layer once, in
 * {@link #encode}, and keeps each decoder layer's self-attention keys and values of the positions
 * decoded so far as its state (a key/value cache), so each step runs the decoder over one new
 * position. Legend: B batch, S source length, T target length, D width, H heads, Dh head width, V
 * target vocabulary.
 */
public final class Transformer extends Layer implements Seq2SeqModel {
  private final TransformerConfig config;
  private final TokenEmbedding sourceEmbedding;
  private final TokenEmbedding targetEmbedding;
  private final PositionalEncoding positions;
  private final EncoderStack encoder;
  private final DecoderStack decoder;
  private final Dense output;

  Transformer(String name, TransformerConfig config, DataSpec data, Blocks blocks) {
    super(name);
    this.config = config;
    int d = config.block().dModel();
    if (config.shareEmbeddings()) {
      SharedEmbeddings.requireSharedVocabulary(data);
      this.sourceEmbedding = add(new TokenEmbedding("embedding", data.sourceVocabulary(), d, true));
      this.targetEmbedding = sourceEmbedding;
    } else {
      this.sourceEmbedding =
          add(new TokenEmbedding("source_embedding", data.sourceVocabulary(), d, true));
      this.targetEmbedding =
          add(new TokenEmbedding("target_embedding", data.targetVocabulary(), d, true));
    }
    if (data.maxLength() > config.maxLength()) {
      throw new ConfigException(
          "model.max_length="
              + config.maxLength()
              + " is shorter than the longest sequence of the data ("
              + data.maxLength()
              + " positions, end token included); raise model.max_length to at least "
              + data.maxLength()
              + ".");
    }
    this.positions = add(blocks.positions("positions", config.block(), config.maxLength()));
    this.encoder =
        add(
            blocks.encoder(
                "encoder",
                config.block(),
                config.encoderLayers(),
                positions.relative(),
                DeepNormScales.encoder(config.encoderLayers(), config.decoderLayers())));
    this.decoder =
        add(
            blocks.decoder(
                "decoder",
                config.block(),
                config.decoderLayers(),
                positions.relative(),
                DeepNormScales.decoder(config.decoderLayers())));
    this.output = config.tieOutput() ? null : add(new Dense("output", d, data.targetVocabulary()));
  }

  @Override
  public Layer network() {
    return this;
  }

  @Override
  public int maxSourceLength() {
    return config.maxLength();
  }

  @Override
  public int maxOutputLength() {
    return config.maxLength() - 1; // the decoder reads BOS plus the output so far
  }

  @Override
  public boolean needsStaticLength() {
    return false;
  }

  private Operand<TFloat32> embed(CallScope cs, TokenEmbedding embedding, Operand<TInt32> ids) {
    return cs.dropout(
        positions.call(cs, embedding.call(cs, ids)), config.block().dropout()); // [B, L, D]
  }

  /** {@code ids [B, L]} at positions {@code offset ..}: the embedding of a decoding step. */
  private Operand<TFloat32> embedAt(CallScope cs, Operand<TInt32> ids, Operand<TInt32> offset) {
    return cs.dropout(
        positions.call(cs, targetEmbedding.call(cs, ids), offset),
        config.block().dropout()); // [B, L, D]
  }

  private Operand<TFloat32> project(CallScope cs, Operand<TFloat32> h) {
    return output == null ? targetEmbedding.logits(cs, h) : output.call(cs, h);
  }

  /** {@code source [B, S] -> (encoder output [B, S, D], padding mask [B, 1, S])}. */
  private Operand<TFloat32>[] runEncoder(CallScope cs, Operand<TInt32> source) {
    Operand<TFloat32> mask = Masks.padding(cs.tf(), source, 0); // [B, 1, S]
    @SuppressWarnings("unchecked")
    Operand<TFloat32>[] out =
        new Operand[] {encoder.call(cs, embed(cs, sourceEmbedding, source), mask), mask};
    return out;
  }

  @Override
  public Operand<TFloat32> logits(CallScope cs, Operand<TInt32> source, Operand<TInt32> targetIn) {
    checkBuilt();
    Ops tf = cs.tf();
    Operand<TFloat32>[] enc = runEncoder(cs.child("encoder"), source);
    CallScope dcs = cs.child("decoder");
    Operand<TFloat32> causal = Masks.causal(tf, Masks.length(tf, targetIn)); // [1, T, T]
    List<AttentionMemory> memory = decoder.prepare(dcs, enc[0], enc[1]);
    Operand<TFloat32> h =
        decoder.call(dcs, embed(dcs, targetEmbedding, targetIn), causal, memory); // [B, T, D]
    return project(dcs, h); // [B, T, V]
  }

  @Override
  public Encoded encode(CallScope cs, Operand<TInt32> source) {
    checkBuilt();
    Ops tf = cs.tf();
    Operand<TFloat32>[] enc = runEncoder(cs, source);
    List<AttentionMemory> prepared = decoder.prepare(cs, enc[0], enc[1]);
    List<Operand<?>> memory = new ArrayList<>();
    memory.add(prepared.get(0).mask()); // [B, 1, 1, S]
    for (AttentionMemory m : prepared) {
      memory.add(m.keys());
      memory.add(m.values());
    }
    Operand<TInt32> batch = tf.gather(tf.shape(source), tf.constant(0), tf.constant(0));
    List<Operand<?>> caches = new ArrayList<>();
    for (DecoderBlock block : decoder.blocks()) {
      caches.add(block.emptyCache(cs, batch)); // keys [B, G, 0, Dh]
      caches.add(block.emptyCache(cs, batch)); // values
    }
    return new Encoded(memory, caches);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Step step(
      CallScope cs, List<Operand<?>> memory, List<Operand<?>> state, Operand<TInt32> tokens) {
    checkBuilt();
    Ops tf = cs.tf();
    Operand<TFloat32> mask = (Operand<TFloat32>) memory.get(0);
    List<AttentionMemory> prepared = new ArrayList<>();
    for (int i = 1; i < memory.size(); i += 2) {
      prepared.add(
          new AttentionMemory(
              (Operand<TFloat32>) memory.get(i), (Operand<TFloat32>) memory.get(i + 1), mask));
    }
    List<Operand<TFloat32>> caches = new ArrayList<>();
    state.forEach(c -> caches.add((Operand<TFloat32>) c));
    Operand<TInt32> position = Masks.length(tf, caches.get(0), 2); // tokens decoded so far
    Operand<TFloat32> y = embedAt(cs, tf.expandDims(tokens, tf.constant(1)), position);
    DecoderStack.Cached out = decoder.step(cs, y, caches, prepared); // [B, 1, D]
    Operand<TFloat32> last =
        tf.reshape(out.output(), tf.constant(new int[] {-1, config.block().dModel()})); // [B, D]
    return new Step(project(cs, last), new ArrayList<>(out.caches()));
  }

  @Override
  public String describe() {
    return "Transformer(d_model="
        + config.block().dModel()
        + ", heads="
        + config.block().heads()
        + ", "
        + config.encoderLayers()
        + "+"
        + config.decoderLayers()
        + " layers, "
        + config.block().norm().name().toLowerCase(Locale.ROOT)
        + "-norm"
        + (config.shareEmbeddings() ? ", shared embeddings" : "")
        + (config.tieOutput() ? ", tied output" : "")
        + ")";
  }
}
