package org.ablate.training.tasks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ablate.training.config.SyntheticData;
import org.ablate.training.config.TrainingConfig.BatchUnit;
import org.ablate.training.data.Seq2SeqExample;
import org.ablate.training.data.SyntheticSequences;
import org.ablate.training.data.Tokenizer;

/** Copy, reverse or sort: fresh random training sequences per step, fixed held-out splits. */
final class SyntheticSource implements Seq2SeqSource {
  private final SyntheticData config;
  private final SyntheticSequences sequences;
  private final long seed;
  private final int perBatch;

  SyntheticSource(SyntheticData config, long seed, BatchUnit unit, int batchSize) {
    this.config = config;
    this.sequences = new SyntheticSequences(config, seed);
    this.seed = seed;
    this.perBatch =
        unit == BatchUnit.TOKENS ? Math.max(1, batchSize / (config.maxLength() + 1)) : batchSize;
  }

  @Override
  public List<Seq2SeqExample> trainBatch(long microStep) {
    return sequences.trainBatch(seed, microStep, perBatch);
  }

  @Override
  public List<Seq2SeqExample> examples(Split split) {
    return split == Split.DEV ? sequences.dev() : sequences.test();
  }

  @Override
  public Map<String, List<Seq2SeqExample>> extraTests() {
    Map<String, List<Seq2SeqExample>> out = new LinkedHashMap<>();
    sequences.lengthTests().forEach((length, examples) -> out.put("len" + length, examples));
    return out;
  }

  @Override
  public List<String> references(Split split) {
    return null;
  }

  @Override
  public List<String> sources(Split split) {
    return null;
  }

  @Override
  public Tokenizer targetTokenizer() {
    return null;
  }

  @Override
  public Tokenizer sourceTokenizer() {
    return null;
  }

  @Override
  public int sourceVocabulary() {
    return sequences.vocabularySize();
  }

  @Override
  public int targetVocabulary() {
    return sequences.vocabularySize();
  }

  @Override
  public List<Integer> buckets() {
    int longest = config.longest();
    return longest > config.maxLength()
        ? List.of(config.maxLength() + 1, longest + 1)
        : List.of(config.maxLength() + 1);
  }

  @Override
  public String describe() {
    return config.task().name().toLowerCase(Locale.ROOT)
        + " task: sequences of "
        + config.minLength()
        + "-"
        + config.maxLength()
        + " over "
        + config.vocab()
        + " symbols, "
        + config.devSize()
        + " dev / "
        + config.testSize()
        + " test held out"
        + (config.testLengths().isEmpty()
            ? ""
            : ", plus " + config.testSize() + " test at each length of " + config.testLengths());
  }
}
