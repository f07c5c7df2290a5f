package org.ablate.layers.attention;

import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;

/**
 * The options of the {@code standard} multi-head block, chosen in YAML with {@code multi_head:
 * {type: standard, kv_heads: 2, qk_norm: l2, bias: false}}; the bare name is the paper's block.
 */
@Doc(
    "Multi-head attention (Vaswani et al. 2017) with the variants of later models: shared key/value"
        + " heads, normalized queries and keys, projections without biases.")
public record MultiHeadConfig(
    @Doc(
            "key/value heads G: 0 gives every query head its own (the paper); 1 is multi-query"
                + " attention (Shazeer 2019); between, grouped-query attention (Ainslie et al. 2023),"
                + " query head h using key/value head floor(h G / heads); must divide heads. The"
                + " key/value projections and the decoder's key/value cache shrink to G heads")
        @Default("0")
        @Range(min = 0, max = 4096)
        int kvHeads,
    @Doc(
            "QK-norm, applied to every query and key head before the scores (and before rotary"
                + " positions): none; layer_norm, a LayerNorm over the head width (Dehghani et al."
                + " 2023); l2, QKNorm (Henry et al. 2020): queries and keys L2-normalized and the"
                + " scores g cos(q, k) with a learned scalar g per block, started at qk_scale")
        @Default("none")
        QkNorm qkNorm,
    @Doc(
            "qk_norm l2 only: the initial g; Henry et al. start at log2(L^2 - L) for the 97.5th"
                + " percentile length L of the training data (about 8.6 for L = 20)")
        @Default("10.0")
        @Range(min = 1e-3, max = 1000)
        double qkScale,
    @Doc("biases in the query, key, value and output projections (false: bias-free, as in PaLM)")
        @Default("true")
        boolean bias) {

  /** The paper's block: a key/value head per query head, no QK-norm, biases. */
  public static final MultiHeadConfig STANDARD = new MultiHeadConfig(0, QkNorm.NONE, 10.0, true);

  /** The normalization of queries and keys. */
  public enum QkNorm {
    NONE,
    LAYER_NORM,
    L2
  }

  /** A block with {@code qkNorm} and the default initial scale. */
  public MultiHeadConfig(int kvHeads, QkNorm qkNorm, boolean bias) {
    this(kvHeads, qkNorm, 10.0, bias);
  }

  /** The key/value heads for {@code heads} query heads. */
  public int kvHeadsFor(int heads) {
    return kvHeads == 0 ? heads : kvHeads;
  }
}
