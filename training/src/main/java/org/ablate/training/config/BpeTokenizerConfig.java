package org.ablate.training.config;

import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;

/** Byte-pair encoding (Sennrich et al. 2016) learned on the training split. */
@Doc("Byte-pair encoding learned on the training split, with a target vocabulary size.")
public record BpeTokenizerConfig(
    @Doc("vocabulary size including special tokens and characters")
        @Default("4000")
        @Range(min = 16, max = 10000000)
        int vocabSize,
    @Doc(
            "learn the merges on at most this many training texts, chosen by a fixed hash so every run learns the same ones (as SentencePiece's input_sentence_size); every text is still tokenized, and a character the sample never shows becomes <unk>; only the sample is held in memory, so the default bounds the memory BPE needs on a corpus of any size; 0: all")
        @Default("1000000")
        @Range(min = 0, max = 1000000000)
        int sampleSize,
    @Doc(
            "SentencePiece's byte_fallback: 256 tokens <0x00>...<0xFF> join the vocabulary, and a character it lacks is encoded as the bytes of its UTF-8 form instead of <unk>, so every text round-trips")
        @Default("false")
        boolean byteFallback)
    implements TokenizerConfig {}
