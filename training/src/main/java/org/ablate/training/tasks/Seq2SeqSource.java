package org.ablate.training.tasks;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ablate.training.data.Seq2SeqExample;
import org.ablate.training.data.Tokenizer;

/** The examples of a sequence-to-sequence task: a training stream and fixed dev and test splits. */
public interface Seq2SeqSource {
  /**
   * The examples of 1-based micro-step {@code microStep}; a pure function of the seed and the step.
   */
  List<Seq2SeqExample> trainBatch(long microStep);

  List<Seq2SeqExample> examples(Split split);

  /** Raw reference texts of a split, aligned with {@link #examples}; null for non-text tasks. */
  List<String> references(Split split);

  /** Raw source texts of a split; null for non-text tasks. */
  List<String> sources(Split split);

  /** Detokenizes target ids; null for non-text tasks. */
  Tokenizer targetTokenizer();

  /** Tokenizes source text; null for non-text tasks. */
  Tokenizer sourceTokenizer();

  int sourceVocabulary();

  int targetVocabulary();

  /** Ascending padded-length buckets for models that unroll over a static length. */
  List<Integer> buckets();

  String describe();

  /**
   * Extra test sets evaluated after the test split, by name (metrics {@code test_<name>_<metric>}),
   * e.g. the fixed-length sets of a length-generalization study or a corpus' held-out packages;
   * none by default.
   */
  default Map<String, List<Seq2SeqExample>> extraTests() {
    return Map.of();
  }

  /** The reference texts of the extra test sets that are text, by name (scored with BLEU, chrF). */
  default Map<String, List<String>> extraReferences() {
    return Map.of();
  }

  /** Facts about the data for a run's results (see {@link Task#dataFacts()}). */
  default Map<String, Object> dataFacts() {
    return Map.of();
  }

  default List<Path> files() {
    return List.of();
  }

  default void save(Path runDirectory) {}
}
