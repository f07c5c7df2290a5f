package org.ablate.training.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a tokenizer factory is given: the training text to learn from, or the description a finished
 * run saved ({@link Tokenizer#toJson}) to restore exactly.
 *
 * @param texts training text (empty when restoring)
 * @param saved the saved description, or null when learning
 * @param file where the saved description was read from, for messages (null when learning)
 */
public record TokenizerSource(List<String> texts, Map<String, Object> saved, Path file) {
  public static TokenizerSource learn(List<String> texts) {
    return new TokenizerSource(texts, null, null);
  }

  public static TokenizerSource restore(Map<String, Object> saved, Path file) {
    return new TokenizerSource(List.of(), saved, file);
  }

  public boolean restoring() {
    return saved != null;
  }

  /** The saved vocabulary, after checking that the file describes a tokenizer of {@code type}. */
  @SuppressWarnings("unchecked")
  public List<String> vocabulary(String type) {
    if (!type.equals(saved.get("type"))) {
      throw new DataException(
          "tokenizer file "
              + file
              + " holds a '"
              + saved.get("type")
              + "' tokenizer, but the run's config asks for "
              + type
              + "; the file does not belong to this run. Restore the run's own tokenizer file.");
    }
    Object vocabulary = saved.get("vocabulary");
    if (!(vocabulary instanceof List<?> list) || list.size() < 4) {
      throw new DataException(
          "tokenizer file " + file + " has no vocabulary list; restore the run's own file.");
    }
    return (List<String>) list;
  }
}
