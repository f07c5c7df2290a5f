package org.ablate.training.tasks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.ablate.training.config.TokenizerConfig;
import org.ablate.training.data.DataException;
import org.ablate.training.data.ParallelCorpus;
import org.ablate.training.data.Tokenizer;
import org.ablate.training.data.TokenizerSource;
import org.ablate.training.data.Tokenizers;

/**
 * The three splits of a corpus folder, each read when first needed (so a trained run translates and
 * exports without its corpus), and the tokenizers learned on the training split or reloaded from
 * the run folder.
 */
final class CorpusText {
  final Path folder;
  private final Supplier<ParallelCorpus> train;
  private final Supplier<ParallelCorpus> dev;
  private final Supplier<ParallelCorpus> test;
  private final Supplier<ParallelCorpus> heldout;

  CorpusText(Path folder) {
    this.folder = folder;
    this.train = once(() -> ParallelCorpus.read(folder.resolve("train.tsv")));
    this.dev = once(() -> ParallelCorpus.read(folder.resolve("dev.tsv")));
    this.test = once(() -> ParallelCorpus.read(folder.resolve("test.tsv")));
    this.heldout = once(() -> ParallelCorpus.read(folder.resolve(HELDOUT)));
  }

  /** The out-of-domain test file that the corpus builder writes beside the splits. */
  static final String HELDOUT = "heldout.tsv";

  /**
   * {@code count} pairs of {@code heldout.tsv}, spread evenly over the file (which lists its
   * packages one after another), in file order; all of them when it has fewer.
   */
  ParallelCorpus heldout(int count) {
    if (!Files.isRegularFile(folder.resolve(HELDOUT))) {
      throw new DataException(
          "data.heldout_size is "
              + count
              + ", but "
              + folder
              + " has no "
              + HELDOUT
              + "; rebuild the corpus with './ablate data gettext' (which writes it) or set"
              + " data.heldout_size to 0.");
    }
    ParallelCorpus all = heldout.get();
    int n = Math.min(count, all.size());
    List<String> sources = new ArrayList<>();
    List<String> targets = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int k = (int) ((long) i * all.size() / n);
      sources.add(all.sources().get(k));
      targets.add(all.targets().get(k));
    }
    return new ParallelCorpus(all.file(), List.copyOf(sources), List.copyOf(targets));
  }

  ParallelCorpus train() {
    return train.get();
  }

  ParallelCorpus split(Split split) {
    return split == Split.DEV ? dev.get() : test.get();
  }

  List<Path> files() {
    return List.of(
        folder.resolve("train.tsv"), folder.resolve("dev.tsv"), folder.resolve("test.tsv"));
  }

  /** A supplier that computes its value once, when first asked. */
  static <T> Supplier<T> once(Supplier<T> compute) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = compute.get();
        }
        return value;
      }
    };
  }

  /**
   * The tokenizer saved as {@code name} in the run folder when there is one; otherwise, for a new
   * run, one learned on {@code texts}. A trained (or started) run without its tokenizer file is an
   * error: a tokenizer learned again could number the tokens differently.
   */
  static Tokenizer tokenizer(
      TaskContext context, String name, TokenizerConfig config, Supplier<List<String>> texts) {
    Path run = context.runDirectory();
    Path saved = run == null ? null : run.resolve(name);
    if (saved != null && Files.isRegularFile(saved)) {
      return context.registry().make(TokenizerConfig.SLOT, config, Tokenizers.read(saved));
    }
    if (context.trained() || (run != null && Files.exists(run.resolve("checkpoints")))) {
      throw new DataException(
          "run folder "
              + run
              + " has no "
              + name
              + ": the tokenizer saved when the run started, which maps its text to the model's"
              + " token ids. Ablate does not learn it again (the ids could differ); restore the"
              + " file from a copy of the run, or train a new run.");
    }
    return context
        .registry()
        .make(TokenizerConfig.SLOT, config, TokenizerSource.learn(texts.get()));
  }

  static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
