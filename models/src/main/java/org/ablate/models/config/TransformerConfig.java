package org.ablate.models.config;

import org.ablate.core.config.After;
import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Inline;
import org.ablate.core.config.Range;
import org.ablate.core.config.Validated;

/**
 * The encoder-decoder Transformer of Vaswani et al. (2017); defaults are the paper's base model.
 */
@Doc("Encoder-decoder Transformer (Vaswani et al. 2017) for sequence-to-sequence tasks.")
public record TransformerConfig(
    @Inline BlockConfig block,
    @After("d_ff") @Doc("encoder layers N") @Default("6") @Range(min = 0, max = 1000)
        int encoderLayers,
    @After("d_ff") @Doc("decoder layers N") @Default("6") @Range(min = 1, max = 1000)
        int decoderLayers,
    @Doc("longest sequence the positional encoding covers") @Default("512") @Range(min = 1)
        int maxLength,
    @Doc("one embedding table for source and target (needs a shared vocabulary)") @Default("false")
        boolean shareEmbeddings,
    @Doc("output projection tied to the target embedding") @Default("false") boolean tieOutput)
    implements ModelConfig, Validated {
  @Override
  public void validate(Checks checks) {
    BlockConfig.requireNotLocality(
        block.attention(), "model.type transformer (encoder-decoder)", checks);
  }
}
