package org.ablate.training.config;

/** The {@code data:} section; {@code type:} selects the task and its dataset. */
public sealed interface DataConfig
    permits SyntheticData, TranslationData, FashionMnistData, LanguageIdData, LanguageModelData {}
