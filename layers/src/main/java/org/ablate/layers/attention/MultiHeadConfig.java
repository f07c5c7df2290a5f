package org.ablate.layers.attention;

import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;

/**
 * The options of the {@code standard} multi-head block, chosen in YAML with {@code multi_head:
 * {type: standard, kv_heads: 2, qk_norm: true, bias: false}}; the bare name is the paper's block.
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
            "QK-norm: a LayerNorm over the head width on every query and key before the scores"
                + " (Dehghani et al. 2023; Henry et al. 2020 normalize with an L2 norm and a learned"
                + " scale instead), applied before rotary positions")
        @Default("false")
        boolean qkNorm,
    @Doc("biases in the query, key, value and output projections (false: bias-free, as in PaLM)")
        @Default("true")
        boolean bias) {

  /** The paper's block: a key/value head per query head, no QK-norm, biases. */
  public static final MultiHeadConfig STANDARD = new MultiHeadConfig(0, false, true);

  /** The key/value heads for {@code heads} query heads. */
  public int kvHeadsFor(int heads) {
    return kvHeads == 0 ? heads : kvHeads;
  }
}
