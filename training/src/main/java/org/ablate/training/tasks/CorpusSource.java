package org.ablate.training.tasks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.ablate.core.config.ConfigException;
import org.ablate.training.config.TranslationData;
import org.ablate.training.data.BatchPlan;
import org.ablate.training.data.ParallelCorpus;
import org.ablate.training.data.Seq2SeqExample;
import org.ablate.training.data.TokenCache;
import org.ablate.training.data.Tokenizer;
import org.ablate.training.data.Tokenizers;
import org.ablate.training.data.UserCache;

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
  private final TaskContext context;
  private final CorpusText text;
  private final TrainSplit train;
  private final Tokenizer sourceTokenizer;
  private final Tokenizer targetTokenizer;
  private final Supplier<Training> training;
  private final Supplier<List<Seq2SeqExample>> dev;
  private final Supplier<List<Seq2SeqExample>> test;
  private final Supplier<ParallelCorpus> heldout;

  /**
   * The tokenized training pairs, the positions in it of those that fit max_length, how many did
   * not, and the batch plan over the ones that fit.
   */
  private record Training(TokenCache pairs, int[] kept, int skipped, BatchPlan plan) {}

  CorpusSource(TranslationData config, TaskContext context) {
    this.config = config;
    this.context = context;
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
    this.text = new CorpusText(context.dataPath(config.corpus()));
    this.train = new TrainSplit(text.folder.resolve("train.tsv"), config.trainPairs());
    int sample = config.tokenizer().sampleSize();
    if (config.sharedVocabulary()) {
      Tokenizer shared =
          CorpusText.tokenizer(
              context, SHARED, config.tokenizer(), () -> train.sample(sample, true, true));
      this.sourceTokenizer = shared;
      this.targetTokenizer = shared;
    } else {
      this.sourceTokenizer =
          CorpusText.tokenizer(
              context, SOURCE, config.tokenizer(), () -> train.sample(sample, true, false));
      this.targetTokenizer =
          CorpusText.tokenizer(
              context, TARGET, config.tokenizer(), () -> train.sample(sample, false, true));
    }
    this.training = CorpusText.once(this::training);
    this.dev = CorpusText.once(() -> encodeAll(text.split(Split.DEV)));
    this.test = CorpusText.once(() -> encodeAll(text.split(Split.TEST)));
    this.heldout = CorpusText.once(() -> text.heldout(config.heldoutSize()));
    if (!context.trained()) {
      // a run about to train reads every split now, so a missing file fails before training
      training.get();
      dev.get();
      test.get();
      if (config.heldoutSize() > 0) {
        heldout.get();
      }
    }
  }

  private Training training() {
    TokenCache pairs = train.tokenize(cacheFolder(text.folder), sourceTokenizer, targetTokenizer);
    int[] kept =
        IntStream.range(0, pairs.size())
            .filter(i -> pairs.length(i) <= config.maxLength())
            .toArray();
    int[] lengths = Arrays.stream(kept).map(pairs::length).toArray();
    BatchPlan plan =
        new BatchPlan(
            lengths,
            config.buckets(),
            context.batching().unit(),
            context.batching().batchSize(),
            context.seed());
    return new Training(pairs, kept, pairs.size() - kept.length, plan);
  }

  /**
   * Where a corpus' token caches live: its {@code .cache} sub-folder, or the user's cache folder
   * when the corpus folder is read-only.
   */
  static Path cacheFolder(Path corpus) {
    Path beside = corpus.resolve(".cache");
    if (Files.isDirectory(beside) ? Files.isWritable(beside) : Files.isWritable(corpus)) {
      return beside;
    }
    return UserCache.folder("tokens");
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
    Training t = training.get();
    List<Seq2SeqExample> out = new ArrayList<>();
    for (int i : t.plan().batch(microStep - 1)) {
      out.add(t.pairs().get(t.kept()[i]));
    }
    return out;
  }

  @Override
  public List<Seq2SeqExample> examples(Split split) {
    return split == Split.DEV ? dev.get() : test.get();
  }

  @Override
  public List<String> references(Split split) {
    return text.split(split).targets();
  }

  @Override
  public List<String> sources(Split split) {
    return text.split(split).sources();
  }

  /** The training pairs used (after data.train_pairs and the max_length filter). */
  @Override
  public Map<String, Object> dataFacts() {
    return Map.of("train_pairs", training.get().kept().length);
  }

  /** The held-out pairs as the extra test set {@code heldout}, when data.heldout_size asks. */
  @Override
  public Map<String, List<Seq2SeqExample>> extraTests() {
    return config.heldoutSize() == 0 ? Map.of() : Map.of("heldout", encodeAll(heldout.get()));
  }

  @Override
  public Map<String, List<String>> extraReferences() {
    return config.heldoutSize() == 0 ? Map.of() : Map.of("heldout", heldout.get().targets());
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
    Training t = training.get();
    return "translation corpus "
        + text.folder
        + ": "
        + t.kept().length
        + " training pairs ("
        + t.skipped()
        + " longer than "
        + config.maxLength()
        + " tokens with the end token skipped), "
        + dev.get().size()
        + " dev, "
        + test.get().size()
        + " test; vocabulary "
        + sourceVocabulary()
        + (config.sharedVocabulary() ? " shared" : " source / " + targetVocabulary() + " target")
        + ", "
        + t.plan().batchesPerEpoch()
        + " batches per epoch";
  }

  @Override
  public List<Path> files() {
    List<Path> files = new ArrayList<>(text.files());
    if (config.heldoutSize() > 0) {
      files.add(text.folder.resolve(CorpusText.HELDOUT));
    }
    return files;
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
