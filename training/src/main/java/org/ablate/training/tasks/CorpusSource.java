package org.ablate.training.tasks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ablate.core.config.ConfigException;
import org.ablate.training.config.TranslationData;
import org.ablate.training.data.BatchPlan;
import org.ablate.training.data.ParallelCorpus;
import org.ablate.training.data.Seq2SeqExample;
import org.ablate.training.data.Tokenizer;
import org.ablate.training.data.Tokenizers;

/**
 * A translation corpus: tokenizers learned on the training split (one shared, or one per side),
 * training pairs longer than {@code max_length} tokens skipped, batches planned by {@link
 * BatchPlan}.
 */
final class CorpusSource implements Seq2SeqSource {
  static final String SHARED = "tokenizer.json";
  static final String SOURCE = "source_tokenizer.json";
  static final String TARGET = "target_tokenizer.json";
  private final TranslationData config;
  private final CorpusText text;
  private final Tokenizer sourceTokenizer;
  private final Tokenizer targetTokenizer;
  private final List<Seq2SeqExample> train = new ArrayList<>();
  private final List<Seq2SeqExample> dev;
  private final List<Seq2SeqExample> test;
  private final BatchPlan plan;
  private final int skipped;

  CorpusSource(TranslationData config, TaskContext context) {
    this.config = config;
    List<Integer> buckets = config.buckets();
    for (int i = 1; i < buckets.size(); i++) {
      if (buckets.get(i) <= buckets.get(i - 1)) {
        throw new ConfigException("data.buckets=" + buckets + " must be strictly increasing.");
      }
    }
    if (buckets.isEmpty() || buckets.get(buckets.size() - 1) < config.maxLength()) {
      throw new ConfigException(
          "data.buckets="
              + buckets
              + " must end with a bucket of at least data.max_length="
              + config.maxLength()
              + "; add one or lower data.max_length.");
    }
    this.text = new CorpusText(config.corpus());
    if (config.sharedVocabulary()) {
      Tokenizer shared =
          CorpusText.tokenizer(
              context,
              SHARED,
              config.tokenizer(),
              CorpusText.concat(text.train.sources(), text.train.targets()));
      this.sourceTokenizer = shared;
      this.targetTokenizer = shared;
    } else {
      this.sourceTokenizer =
          CorpusText.tokenizer(context, SOURCE, config.tokenizer(), text.train.sources());
      this.targetTokenizer =
          CorpusText.tokenizer(context, TARGET, config.tokenizer(), text.train.targets());
    }
    int dropped = 0;
    for (int i = 0; i < text.train.size(); i++) {
      Seq2SeqExample e = encode(text.train, i);
      if (e.length() > config.maxLength()) {
        dropped++;
      } else {
        train.add(e);
      }
    }
    this.skipped = dropped;
    this.dev = encodeAll(text.dev);
    this.test = encodeAll(text.test);
    int[] lengths = train.stream().mapToInt(Seq2SeqExample::length).toArray();
    this.plan =
        new BatchPlan(
            lengths,
            buckets,
            context.batching().unit(),
            context.batching().batchSize(),
            context.seed());
  }

  private Seq2SeqExample encode(ParallelCorpus corpus, int i) {
    return new Seq2SeqExample(
        sourceTokenizer.encode(corpus.sources().get(i)),
        targetTokenizer.encode(corpus.targets().get(i)));
  }

  private List<Seq2SeqExample> encodeAll(ParallelCorpus corpus) {
    List<Seq2SeqExample> out = new ArrayList<>();
    for (int i = 0; i < corpus.size(); i++) {
      out.add(encode(corpus, i));
    }
    return List.copyOf(out);
  }

  @Override
  public List<Seq2SeqExample> trainBatch(long microStep) {
    List<Seq2SeqExample> out = new ArrayList<>();
    for (int i : plan.batch(microStep - 1)) {
      out.add(train.get(i));
    }
    return out;
  }

  @Override
  public List<Seq2SeqExample> examples(Split split) {
    return split == Split.DEV ? dev : test;
  }

  @Override
  public List<String> references(Split split) {
    return text.split(split).targets();
  }

  @Override
  public List<String> sources(Split split) {
    return text.split(split).sources();
  }

  @Override
  public Tokenizer targetTokenizer() {
    return targetTokenizer;
  }

  @Override
  public int sourceVocabulary() {
    return sourceTokenizer.vocabularySize();
  }

  @Override
  public int targetVocabulary() {
    return targetTokenizer.vocabularySize();
  }

  @Override
  public List<Integer> buckets() {
    return config.buckets();
  }

  @Override
  public String describe() {
    return "translation corpus "
        + text.folder
        + ": "
        + train.size()
        + " training pairs ("
        + skipped
        + " longer than "
        + config.maxLength()
        + " tokens with the end token skipped), "
        + dev.size()
        + " dev, "
        + test.size()
        + " test; vocabulary "
        + sourceVocabulary()
        + (config.sharedVocabulary() ? " shared" : " source / " + targetVocabulary() + " target")
        + ", "
        + plan.batchesPerEpoch()
        + " batches per epoch";
  }

  @Override
  public List<Path> files() {
    return text.files();
  }

  @Override
  public void save(Path runDirectory) {
    if (config.sharedVocabulary()) {
      Tokenizers.save(sourceTokenizer, runDirectory.resolve(SHARED));
    } else {
      Tokenizers.save(sourceTokenizer, runDirectory.resolve(SOURCE));
      Tokenizers.save(targetTokenizer, runDirectory.resolve(TARGET));
    }
  }

  @Override
  public Tokenizer sourceTokenizer() {
    return sourceTokenizer;
  }
}
