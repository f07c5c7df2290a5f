package org.ablate.models.config;

import org.ablate.core.config.After;
import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Inline;
import org.ablate.core.config.Range;

/** An encoder-only Transformer that classifies token sequences (BERT-style). */
@Doc(
    "Encoder-only Transformer classifier over token sequences, pooled by a class token or the mean.")
public record TransformerClassifierConfig(
    @Inline
        @Default(
            "{d_model: 256, heads: 4, d_ff: 1024, feed_forward: gelu, norm: pre,"
                + " positional_encoding: learned}")
        BlockConfig block,
    @After("d_ff") @Doc("encoder layers") @Default("4") @Range(min = 1, max = 1000) int layers,
    @Doc("longest sequence (class token included)") @Default("512") @Range(min = 1, max = 1000000)
        int maxLength,
    @Doc("pooling: cls (a learned class token) or mean (over real tokens)") @Default("cls")
        Pooling pooling)
    implements ModelConfig {}
