package org.ablate.models;

import org.ablate.core.config.ConfigException;

/** The check every model with {@code model.share_embeddings} makes of its data. */
public final class SharedEmbeddings {
  private SharedEmbeddings() {}

  /** One embedding table for source and target needs one vocabulary for both. */
  public static void requireSharedVocabulary(DataSpec data) {
    if (!data.sharedVocabulary()) {
      throw new ConfigException(
          "model.share_embeddings=true needs one vocabulary for source and target, but the data has "
              + data.sourceVocabulary()
              + " source and "
              + data.targetVocabulary()
              + " target tokens; set data.shared_vocabulary: true or model.share_embeddings: false.");
    }
  }
}
