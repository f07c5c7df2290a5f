package org.ablate.models.config;

import java.util.Locale;
import org.ablate.core.config.Choice;
import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;
import org.ablate.core.config.Slot;
import org.ablate.core.config.Validated;

/**
 * RNN encoder-decoder (Cho et al. 2014; Sutskever et al. 2014) with optional attention (Bahdanau et
 * al. 2015; Luong et al. 2015).
 */
@Doc(
    "RNN encoder-decoder: context-vector model (attention: none) or with additive/multiplicative attention.")
public record RnnSeq2SeqConfig(
    @Doc("recurrent cell: gru or lstm") @Default("gru") @Slot("rnn_cell") Choice cell,
    @Doc("embedding width") @Default("256") @Range(min = 1, max = 1048576) int embeddingDim,
    @Doc("hidden width of every cell") @Default("256") @Range(min = 1, max = 1048576)
        int hiddenSize,
    @Doc("stacked encoder layers") @Default("1") @Range(min = 1, max = 1000) int encoderLayers,
    @Doc("stacked decoder layers") @Default("1") @Range(min = 1, max = 1000) int decoderLayers,
    @Doc("bidirectional encoder") @Default("true") boolean bidirectional,
    @Doc(
            "attention score: additive (Bahdanau), dot_product or general (Luong), scaled_dot_product, or none for the fixed context vector")
        @Default("additive")
        @Slot(value = "attention", also = "none")
        Choice attention,
    @Doc(
            "decoder flow: bahdanau (the paper's: s_0 = tanh(W_s h_1) from the encoder's backward state, attend from the previous state, feed the context into the cell, deep output with maxout over the previous state, the previous embedding and the context); bahdanau_shallow (the same attention and cell, s_0 = tanh(W [both directions' final states] + b), output softmax(W [s_t; c_t] + b)); or luong (attend from the new state, attentional output layer)")
        @Default("bahdanau")
        DecoderFlow decoder,
    @Doc(
            "width l of the deep output's maxout layer of the bahdanau flow (0: hidden_size / 2, the paper's 500 units for 1000); the other flows have no maxout and do not read it")
        @Default("0")
        @Range(min = 0, max = 1048576)
        int maxoutSize,
    @Doc("luong flow only: feed the previous attentional vector into the cell") @Default("false")
        boolean inputFeeding,
    @Doc("dropout on embeddings and between stacked layers")
        @Default("0.1")
        @Range(min = 0, max = 0.99)
        double dropout,
    @Doc(
            "one embedding table for source and target (needs data.shared_vocabulary); with tie_output, one matrix tied three ways, as in Press and Wolf (2017)")
        @Default("false")
        boolean shareEmbeddings,
    @Doc(
            "output projection tied to the target embedding (Press and Wolf 2017; Inan et al. 2017): logits = r E^T, without a bias; the output layer's input must be embedding_dim wide: maxout_size for the bahdanau flow, hidden_size for luong")
        @Default("false")
        boolean tieOutput)
    implements ModelConfig, Validated {

  /** Where attention sits in the decoder step, and what the output layer reads. */
  public enum DecoderFlow {
    /** Bahdanau et al. (2015), Appendix A.2: backward-state start, deep output with maxout. */
    BAHDANAU,
    /** The bahdanau attention and cell with a start from both directions and a one-layer output. */
    BAHDANAU_SHALLOW,
    /** Luong et al. (2015): attend from the new state, attentional output layer. */
    LUONG
  }

  /** The deep output's maxout width l (bahdanau flow). */
  public int maxoutWidth() {
    return maxoutSize > 0 ? maxoutSize : Math.max(1, hiddenSize / 2);
  }

  public boolean hasAttention() {
    return !attention.is("none");
  }

  /** The width of what the output projection reads, for each decoder flow. */
  public int readoutWidth() {
    int context = hasAttention() ? (bidirectional ? 2 : 1) * hiddenSize : hiddenSize;
    return switch (decoder) {
      case BAHDANAU -> maxoutWidth();
      case LUONG -> hiddenSize;
      case BAHDANAU_SHALLOW -> hiddenSize + context;
    };
  }

  @Override
  public void validate(Checks checks) {
    BlockConfig.requireNotLocality(attention, "an RNN decoder", checks);
    checks.require(
        !tieOutput || readoutWidth() == embeddingDim,
        "tie_output",
        checks.path("tie_output")
            + "=true needs the output layer's input as wide as the embeddings ("
            + checks.path("embedding_dim")
            + "="
            + embeddingDim
            + "), but the "
            + decoder.name().toLowerCase(Locale.ROOT)
            + " flow gives it "
            + readoutWidth()
            + " units; "
            + (decoder == DecoderFlow.BAHDANAU
                ? "set " + checks.path("maxout_size") + ": " + embeddingDim
                : decoder == DecoderFlow.LUONG
                    ? "set " + checks.path("hidden_size") + " equal to the embedding width"
                    : "use decoder: bahdanau or luong")
            + ", or tie_output: false.");
    checks.require(
        !(inputFeeding && decoder != DecoderFlow.LUONG),
        "input_feeding",
        checks.path("input_feeding")
            + "=true needs "
            + checks.path("decoder")
            + "=luong (the bahdanau flows already feed the context into the cell).");
    checks.require(
        !(attention.is("none") && decoder == DecoderFlow.LUONG),
        "decoder",
        checks.path("decoder")
            + "=luong needs attention; with "
            + checks.path("attention")
            + "=none use decoder: bahdanau or bahdanau_shallow (the context-vector model).");
  }
}
