package org.ablate.training.tasks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ablate.training.config.TokenizerConfig;
import org.ablate.training.data.ParallelCorpus;
import org.ablate.training.data.Tokenizer;
import org.ablate.training.data.TokenizerSource;
import org.ablate.training.data.Tokenizers;

/**
 * The three splits of a corpus folder, and tokenizers learned on (or reloaded for) its training
 * split.
 */
final class CorpusText {
  final Path folder;
  final ParallelCorpus train;
  final ParallelCorpus dev;
  final ParallelCorpus test;

  CorpusText(String folder) {
    this.folder = Path.of(folder);
    this.train = ParallelCorpus.read(this.folder.resolve("train.tsv"));
    this.dev = ParallelCorpus.read(this.folder.resolve("dev.tsv"));
    this.test = ParallelCorpus.read(this.folder.resolve("test.tsv"));
  }

  ParallelCorpus split(Split split) {
    return split == Split.DEV ? dev : test;
  }

  List<Path> files() {
    return List.of(train.file(), dev.file(), test.file());
  }

  /**
   * The tokenizer saved as {@code name} in the run directory when a resumed run has one; otherwise
   * one learned on {@code texts} (and saved by {@link #save}).
   */
  static Tokenizer tokenizer(
      TaskContext context, String name, TokenizerConfig config, List<String> texts) {
    Path saved = context.runDirectory() == null ? null : context.runDirectory().resolve(name);
    TokenizerSource source =
        saved != null && Files.isRegularFile(saved)
            ? Tokenizers.read(saved)
            : TokenizerSource.learn(texts);
    return context.registry().make(TokenizerConfig.SLOT, config, source);
  }

  static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
