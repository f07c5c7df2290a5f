package org.ablate.models.rnn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Layer;
import org.ablate.layers.attention.Attention;
import org.ablate.layers.attention.AttentionMemory;
import org.ablate.layers.attention.Masks;
import org.ablate.layers.dense.Activation;
import org.ablate.layers.dense.Dense;
import org.ablate.layers.embedding.TokenEmbedding;
import org.ablate.layers.recurrent.RnnCell;
import org.ablate.models.DataSpec;
import org.ablate.models.Seq2SeqModel;
import org.ablate.models.SharedEmbeddings;
import org.ablate.models.config.RnnSeq2SeqConfig;
import org.ablate.models.config.RnnSeq2SeqConfig.DecoderFlow;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The RNN encoder-decoder. The encoder reads the source; a bridge turns its final states into the
 * context vector c = tanh(W_b [->h_S; <-h_1] + b) [B, H] (the forward state alone when the encoder
 * is unidirectional). Each decoder step:
 *
 * <ul>
 *   <li>bahdanau flow, Bahdanau et al. (2015), Appendix A.2: every decoder layer starts from s_0 =
 *       tanh(W_s <-h_1 + b_s), the encoder's backward state after reading the first token (the
 *       forward final state when the encoder is unidirectional); ctx_t = attend(s_{t-1}, encoder
 *       outputs), or the fixed c when attention is none; s_t = cell([E y_{t-1}; ctx_t], s_{t-1});
 *       the deep output t~_t = U_o s_{t-1} + V_o E y_{t-1} + C_o ctx_t + b (one matrix over the
 *       concatenation [s_{t-1}; E y_{t-1}; ctx_t], width 2l), t_t = max over adjacent pairs
 *       (t~_{2j-1}, t~_{2j}) (maxout, width l), logits = W_o t_t + b_o. The appendix reads s_{t-1}
 *       in t~_t, as here; the main text's g(y_{t-1}, s_t, c_t) reads s_t.
 *   <li>bahdanau_shallow flow: s_0 = c; the same attention and cell; logits = W_o [s_t; ctx_t] +
 *       b_o (no previous embedding, no maxout).
 *   <li>luong flow: s_0 = c; s_t = cell([emb(y_{t-1}); h~_{t-1} if input feeding], s_{t-1}); a_t =
 *       attend(s_t); h~_t = tanh(W_c [a_t; s_t]); logits = W_o h~_t.
 * </ul>
 *
 * <p>Options beyond the papers, off by default: share_embeddings uses one table E for the source
 * and target embeddings; tie_output replaces W_o and b_o by E, logits = r E^T (Press and Wolf
 * 2017), where r, the output layer's input, must be embedding_dim wide. Both together tie one
 * matrix three ways.
 *
 * <p>Departures from the papers (also listed in docs/departures.md): the GRU is PyTorch's and
 * cuDNN's form, n = tanh(W x + b + r * (U s + b_u)), where Bahdanau et al. and Cho et al. reset
 * before the product, tanh(W x + U (r * s)); the paper's biases, which it leaves out of its
 * equations "for readability", are all present; the paper's 620/1000/500 sizes and its Adadelta,
 * beam 12 and 30/50-word sentences are configuration, not code.
 *
 * <p>Training unrolls the decoder over the static target length with teacher forcing; decoding runs
 * the same step one token at a time. Legend: B batch, S source length, T target length, E embedding
 * width, H hidden width, Hm encoder output width, V target vocabulary.
 */
public final class RnnSeq2Seq extends Layer implements Seq2SeqModel {
  private final RnnSeq2SeqConfig config;
  private final TokenEmbedding sourceEmbedding;
  private final TokenEmbedding targetEmbedding;
  private final RnnEncoder encoder;
  private final Dense bridge;
  private final Dense start;
  private final Dense deepOutput;
  private final List<RnnCell> decoderCells = new ArrayList<>();
  private final Attention attention;
  private final Dense attentional;
  private final Dense output;

  RnnSeq2Seq(String name, RnnSeq2SeqConfig config, DataSpec data, RnnParts parts) {
    super(name);
    this.config = config;
    int e = config.embeddingDim();
    int h = config.hiddenSize();
    if (config.shareEmbeddings()) {
      SharedEmbeddings.requireSharedVocabulary(data);
      this.sourceEmbedding =
          add(new TokenEmbedding("embedding", data.sourceVocabulary(), e, false));
      this.targetEmbedding = sourceEmbedding;
    } else {
      this.sourceEmbedding =
          add(new TokenEmbedding("source_embedding", data.sourceVocabulary(), e, false));
      this.targetEmbedding =
          add(new TokenEmbedding("target_embedding", data.targetVocabulary(), e, false));
    }
    this.encoder =
        add(
            new RnnEncoder(
                "encoder",
                parts.cells(config.cell()),
                e,
                h,
                config.encoderLayers(),
                config.bidirectional(),
                config.dropout()));
    int hm = encoder.outputSize();
    boolean paper = config.decoder() == DecoderFlow.BAHDANAU;
    // the paper's flow starts from the backward state; its bridge only makes a fixed context
    this.bridge =
        !paper || !config.hasAttention()
            ? add(new Dense("bridge", hm, h, true, Activation.TANH))
            : null;
    this.start = paper ? add(new Dense("initial_state", h, h, true, Activation.TANH)) : null;
    this.attention = config.hasAttention() ? add(parts.attention(config.attention(), h, hm)) : null;
    int context = config.hasAttention() ? hm : h;
    boolean luong = config.decoder() == DecoderFlow.LUONG;
    int firstInput = e + (luong ? (config.inputFeeding() ? h : 0) : context);
    for (int i = 0; i < config.decoderLayers(); i++) {
      decoderCells.add(
          add(parts.cells(config.cell()).create("decoder_cell_" + i, i == 0 ? firstInput : h, h)));
    }
    this.attentional =
        luong ? add(new Dense("attentional", context + h, h, true, Activation.TANH)) : null;
    int l = config.maxoutWidth();
    this.deepOutput = paper ? add(new Dense("deep_output", h + e + context, 2 * l)) : null;
    this.output =
        config.tieOutput()
            ? null
            : add(new Dense("output", config.readoutWidth(), data.targetVocabulary()));
  }

  @Override
  public Layer network() {
    return this;
  }

  @Override
  public boolean needsStaticLength() {
    return true;
  }

  private int stateWidth() {
    return decoderCells.get(0).stateCount();
  }

  private boolean feeds() {
    return config.decoder() == DecoderFlow.LUONG && config.inputFeeding();
  }

  /** What every decoder step reads: prepared attention memory, or the fixed context vector. */
  private record Memory(AttentionMemory attention, Operand<TFloat32> context) {}

  /** Runs the encoder: memory, and the initial decoder state. */
  private Memory encodeSource(
      CallScope cs, Operand<TInt32> source, List<Operand<TFloat32>> initialState) {
    Ops tf = cs.tf();
    Operand<TFloat32> keep = Masks.notPad(tf, source, 0); // [B, S]
    Operand<TFloat32> x =
        cs.dropout(sourceEmbedding.call(cs, source), config.dropout()); // [B, S, E]
    RnnEncoder.Encoded enc = encoder.call(cs, x, keep);
    Operand<TFloat32> c = bridge == null ? null : bridge.call(cs, enc.summary()); // [B, H]
    Operand<TFloat32> s0 =
        start == null
            ? c
            : start.call(cs, enc.backward() != null ? enc.backward() : enc.summary()); // [B, H]
    for (int layer = 0; layer < decoderCells.size(); layer++) {
      initialState.add(s0);
    }
    Operand<TFloat32> zeros = tf.zerosLike(s0);
    for (int s = 1; s < stateWidth(); s++) {
      for (int layer = 0; layer < decoderCells.size(); layer++) {
        initialState.add(zeros);
      }
    }
    if (feeds()) {
      initialState.add(zeros);
    }
    AttentionMemory prepared =
        attention == null
            ? null
            : attention.prepare(
                cs, enc.outputs(), enc.outputs(), tf.expandDims(keep, tf.constant(1)));
    return new Memory(prepared, c == null ? s0 : c);
  }

  /**
   * One decoder step: embedded previous token {@code [B, E]} and flat state -> readout (the input
   * of the output layer) and the next flat state. State layout: h of each layer, then (LSTM) c of
   * each layer, then (input feeding) h~.
   */
  private List<Operand<TFloat32>> decoderStep(
      CallScope cs,
      Operand<TFloat32> embedded,
      List<Operand<TFloat32>> state,
      Memory memory,
      List<Operand<TFloat32>> nextState) {
    Ops tf = cs.tf();
    int layers = decoderCells.size();
    Operand<TFloat32> input;
    Operand<TFloat32> context = null;
    boolean luong = config.decoder() == DecoderFlow.LUONG;
    if (!luong) {
      context =
          attention == null
              ? memory.context()
              : attend(cs, state.get(layers - 1), memory.attention());
      input = tf.concat(List.of(embedded, context), tf.constant(-1));
    } else {
      input =
          feeds()
              ? tf.concat(List.of(embedded, state.get(state.size() - 1)), tf.constant(-1))
              : embedded;
    }
    List<Operand<TFloat32>> hs = new ArrayList<>();
    List<Operand<TFloat32>> cells = new ArrayList<>();
    Operand<TFloat32> h = input;
    for (int layer = 0; layer < layers; layer++) {
      if (layer > 0) {
        h = cs.dropout(h, config.dropout());
      }
      RnnCell cell = decoderCells.get(layer);
      List<Operand<TFloat32>> cellState = new ArrayList<>();
      for (int s = 0; s < stateWidth(); s++) {
        cellState.add(state.get(s * layers + layer));
      }
      List<Operand<TFloat32>> next = cell.step(cs, cell.inputProjection(cs, h), cellState);
      h = next.get(0);
      hs.add(h);
      if (next.size() > 1) {
        cells.add(next.get(1));
      }
    }
    nextState.addAll(hs);
    nextState.addAll(cells);
    if (deepOutput != null) {
      return List.of(state.get(layers - 1), embedded, context); // [s_{t-1}; E y_{t-1}; ctx_t]
    }
    if (!luong) {
      return List.of(h, context);
    }
    Operand<TFloat32> a = attend(cs, h, memory.attention());
    Operand<TFloat32> tilde =
        attentional.call(cs, tf.concat(List.of(a, h), tf.constant(-1))); // [B, H]
    if (feeds()) {
      nextState.add(tilde);
    }
    return List.of(tilde);
  }

  /** {@code query [B, H]} -> context {@code [B, Hm]}. */
  private Operand<TFloat32> attend(CallScope cs, Operand<TFloat32> query, AttentionMemory memory) {
    Ops tf = cs.tf();
    Operand<TFloat32> q = tf.expandDims(query, tf.constant(1)); // [B, 1, H]
    Operand<TFloat32> context = attention.attend(cs, q, memory); // [B, 1, Hm]
    return tf.squeeze(context, org.tensorflow.op.core.Squeeze.axis(List.of(1L)));
  }

  @Override
  public Operand<TFloat32> logits(CallScope cs, Operand<TInt32> source, Operand<TInt32> targetIn) {
    checkBuilt();
    Ops tf = cs.tf();
    long steps = targetIn.shape().size(1);
    if (steps < 0 || source.shape().size(1) < 0) {
      throw new IllegalStateException("RNN seq2seq needs static source and target lengths");
    }
    List<Operand<TFloat32>> state = new ArrayList<>();
    Memory memory = encodeSource(cs.child("encoder"), source, state);
    CallScope dcs = cs.child("decoder");
    Operand<TFloat32> embedded =
        dcs.dropout(targetEmbedding.call(dcs, targetIn), config.dropout()); // [B, T, E]
    List<Operand<TFloat32>> readouts = new ArrayList<>();
    for (Operand<TFloat32> e : tf.unstack(embedded, steps, Unstack.axis(1L))) {
      List<Operand<TFloat32>> next = new ArrayList<>();
      List<Operand<TFloat32>> r = decoderStep(dcs, e, state, memory, next);
      readouts.add(r.size() == 1 ? r.get(0) : tf.concat(r, tf.constant(-1)));
      state = next;
    }
    Operand<TFloat32> stacked = tf.stack(readouts, Stack.axis(1L)); // [B, T, R]
    return readout(dcs, stacked); // [B, T, V]
  }

  /** The output layers on a readout {@code [..., R]}: logits {@code [..., V]}. */
  private Operand<TFloat32> readout(CallScope cs, Operand<TFloat32> r) {
    Operand<TFloat32> last = deepOutput == null ? r : maxout(cs.tf(), deepOutput.call(cs, r));
    return output == null ? targetEmbedding.logits(cs, last) : output.call(cs, last);
  }

  /** {@code [..., 2l]} -> {@code [..., l]}: the larger of each adjacent pair of units. */
  private Operand<TFloat32> maxout(Ops tf, Operand<TFloat32> x) {
    int rank = x.shape().numDimensions();
    Operand<TInt32> leading =
        tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {rank - 1}));
    Operand<TInt32> pairs =
        tf.concat(
            List.of(leading, tf.constant(new int[] {config.maxoutWidth(), 2})), tf.constant(0));
    return tf.max(tf.reshape(x, pairs), tf.constant(rank));
  }

  @Override
  public Encoded encode(CallScope cs, Operand<TInt32> source) {
    checkBuilt();
    List<Operand<TFloat32>> initial = new ArrayList<>();
    Memory memory = encodeSource(cs, source, initial);
    List<Operand<?>> flat = new ArrayList<>();
    if (memory.attention() != null) {
      flat.add(memory.attention().keys());
      flat.add(memory.attention().values());
      flat.add(memory.attention().mask());
    }
    flat.add(memory.context());
    return new Encoded(flat, new ArrayList<>(initial));
  }

  @Override
  @SuppressWarnings("unchecked")
  public Step step(
      CallScope cs, List<Operand<?>> memory, List<Operand<?>> state, Operand<TInt32> tokens) {
    checkBuilt();
    Memory m =
        attention == null
            ? new Memory(null, (Operand<TFloat32>) memory.get(0))
            : new Memory(
                new AttentionMemory(
                    (Operand<TFloat32>) memory.get(0),
                    (Operand<TFloat32>) memory.get(1),
                    (Operand<TFloat32>) memory.get(2)),
                (Operand<TFloat32>) memory.get(3));
    List<Operand<TFloat32>> s = new ArrayList<>();
    state.forEach(o -> s.add((Operand<TFloat32>) o));
    List<Operand<TFloat32>> next = new ArrayList<>();
    List<Operand<TFloat32>> r = decoderStep(cs, targetEmbedding.call(cs, tokens), s, m, next);
    Operand<TFloat32> readout = r.size() == 1 ? r.get(0) : cs.tf().concat(r, cs.tf().constant(-1));
    return new Step(readout(cs, readout), new ArrayList<>(next));
  }

  @Override
  public String describe() {
    return "RnnSeq2Seq("
        + config.cell()
        + ", hidden "
        + config.hiddenSize()
        + ", attention "
        + config.attention()
        + ", "
        + config.decoder().name().toLowerCase(Locale.ROOT)
        + " flow"
        + (feeds() ? ", input feeding" : "")
        + (config.shareEmbeddings() ? ", shared embeddings" : "")
        + (config.tieOutput() ? ", tied output" : "")
        + ")";
  }
}
