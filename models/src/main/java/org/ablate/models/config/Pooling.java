package org.ablate.models.config;

/** How an encoder-only classifier turns token vectors into one vector. */
public enum Pooling {
  /** The output at a learned class token prepended to the sequence (BERT, ViT). */
  CLS,
  /** The mean over real (non-padding) positions. */
  MEAN
}
