package org.ablate.training.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ablate.training.config.BpeTokenizerConfig;
import org.ablate.training.config.CharTokenizerConfig;
import org.ablate.training.config.TokenizerConfig;
import org.ablate.training.io.AtomicFiles;

/** Learns tokenizers from config, and saves and loads them as JSON in a run directory. */
public final class Tokenizers {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Tokenizers() {}

  public static Tokenizer learn(TokenizerConfig config, Iterable<String> texts) {
    if (config instanceof BpeTokenizerConfig bpe) {
      return BpeTokenizer.learn(texts, bpe.vocabSize());
    }
    return CharTokenizer.learn(texts, ((CharTokenizerConfig) config).minFrequency());
  }

  public static void save(Tokenizer tokenizer, Path file) {
    try {
      AtomicFiles.write(
          file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(tokenizer.toJson()));
    } catch (IOException e) {
      throw new DataException("cannot write tokenizer " + file + ": " + e.getMessage(), e);
    }
  }

  public static Tokenizer load(Path file) {
    try {
      return fromJson(JSON.readValue(Files.readAllBytes(file), Map.class));
    } catch (IOException | RuntimeException e) {
      throw new DataException(
          "tokenizer file "
              + file
              + " cannot be read ("
              + e.getMessage()
              + "); it is written by the run that trained"
              + " the model. Restore it from that run, or start a new run.",
          e);
    }
  }

  @SuppressWarnings("unchecked")
  static Tokenizer fromJson(Map<String, Object> json) {
    List<String> vocab = (List<String>) json.get("vocabulary");
    if ("char".equals(json.get("type"))) {
      return new CharTokenizer(vocab);
    }
    if ("bpe".equals(json.get("type"))) {
      List<String[]> merges = new ArrayList<>();
      for (List<String> m : (List<List<String>>) json.get("merges")) {
        merges.add(new String[] {m.get(0), m.get(1)});
      }
      return new BpeTokenizer(vocab, merges);
    }
    throw new IllegalArgumentException("unknown tokenizer type " + json.get("type"));
  }
}
