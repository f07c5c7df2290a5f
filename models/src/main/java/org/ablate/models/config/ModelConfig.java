package org.ablate.models.config;

/**
 * The {@code model:} section of an experiment; {@code type:} selects the architecture.
 *
 * <pre>{@code
 * model:
 *   type: transformer
 *   d_model: 256
 *   heads: 4
 * }</pre>
 */
public sealed interface ModelConfig
    permits TransformerConfig,
        TransformerClassifierConfig,
        TransformerLmConfig,
        VitConfig,
        RnnSeq2SeqConfig,
        RnnRowsConfig,
        CnnConfig {}
