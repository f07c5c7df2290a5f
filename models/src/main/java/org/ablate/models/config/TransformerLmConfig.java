package org.ablate.models.config;

import org.ablate.core.config.After;
import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Inline;
import org.ablate.core.config.Range;
import org.ablate.core.config.Validated;

/**
 * An encoder-only language model: embedding + positions + encoder stack (causal self-attention) +
 * vocabulary head, as in PyTorch's word-language-model Transformer example.
 */
@Doc("Encoder-only Transformer language model with a vocabulary head and a causal mask.")
public record TransformerLmConfig(
    @Inline @Default("{d_model: 256, heads: 4, d_ff: 1024}") BlockConfig block,
    @After("d_ff") @Doc("encoder layers") @Default("4") @Range(min = 1, max = 1000) int layers,
    @Doc("longest sequence") @Default("512") @Range(min = 1, max = 1000000) int maxLength,
    @Doc(
            "causal self-attention (false turns the LM into a bidirectional encoder, which can see the answer)")
        @Default("true")
        boolean causal,
    @Doc("vocabulary head tied to the embedding") @Default("false") boolean tieOutput)
    implements ModelConfig, Validated {
  @Override
  public void validate(Checks checks) {
    BlockConfig.requireNotLocality(block.attention(), "model.type transformer_lm", checks);
  }
}
