package org.ablate.training.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.ablate.training.io.AtomicFiles;
import org.ablate.training.io.JsonFiles;

/** Saves tokenizers as JSON in a run directory, and reads them back. */
public final class Tokenizers {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Tokenizers() {}

  public static void save(Tokenizer tokenizer, Path file) {
    try {
      AtomicFiles.write(
          file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(tokenizer.toJson()));
    } catch (IOException e) {
      throw new DataException("cannot write tokenizer " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * A hash of the tokenizer's description ({@link Tokenizer#toJson}): equal for tokenizers that
   * give the same ids, e.g. one learned and the same one restored from its run folder.
   */
  public static String fingerprint(Tokenizer tokenizer) {
    try {
      return String.format(
          Locale.ROOT,
          "%016x",
          org.ablate.core.graph.GraphContext.fnv1a(JSON.writeValueAsString(tokenizer.toJson())));
    } catch (IOException e) {
      throw new DataException("cannot describe the tokenizer: " + e.getMessage(), e);
    }
  }

  /** The saved description in {@code file}, to restore with the config's tokenizer factory. */
  @SuppressWarnings("unchecked")
  public static TokenizerSource read(Path file) {
    try {
      return TokenizerSource.restore(JsonFiles.readObject(file), file);
    } catch (IOException e) {
      throw new DataException(
          "tokenizer file "
              + file
              + " cannot be read ("
              + JsonFiles.reason(e)
              + "); it is written by the run that trained"
              + " the model. Restore it from that run, or start a new run.",
          e);
    }
  }
}
