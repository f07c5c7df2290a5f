package org.ablate.training.tasks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.ablate.training.data.DataException;
import org.ablate.training.data.ParallelCorpus;
import org.ablate.training.data.Seq2SeqExample;
import org.ablate.training.data.TextSample;
import org.ablate.training.data.TokenCache;
import org.ablate.training.data.Tokenizer;
import org.ablate.training.data.Tokenizers;

/**
 * The training split of a translation corpus, streamed from its file and never held whole: the
 * fixed subset that {@code data.train_pairs} asks for, the sample a tokenizer learns on, and the
 * tokenized pairs in a {@link TokenCache}. Memory is bounded by the subset's positions, the
 * tokenizer sample and one chunk of pairs, whatever the file's size.
 */
final class TrainSplit {
  /** Pairs read, then tokenized on every core, at a time. */
  static final int CHUNK = 4096;

  /** Positions of the target side in a sample over both sides, after every source position. */
  private static final long TARGETS = 1L << 40;

  private final Path file;
  private final int trainPairs;
  private final Supplier<int[]> chosen;

  /** The training pairs of {@code file}; {@code trainPairs} of them by hash, or all when 0. */
  TrainSplit(Path file, int trainPairs) {
    this.file = file;
    this.trainPairs = trainPairs;
    this.chosen = CorpusText.once(this::choose);
  }

  /** What a pair visitor is given: the pair's index among the chosen pairs, and its two sides. */
  @FunctionalInterface
  interface Visitor {
    void accept(int index, String source, String target);
  }

  /** Streams the chosen pairs, in file order. */
  void forEach(Visitor visitor) {
    int[] keep = chosen.get();
    int[] next = {0};
    long[] position = {0};
    ParallelCorpus.forEach(
        file,
        (source, target) -> {
          long at = position[0]++;
          if (keep == null) {
            visitor.accept((int) at, source, target);
          } else if (next[0] < keep.length && keep[next[0]] == at) {
            visitor.accept(next[0]++, source, target);
          }
        });
  }

  /**
   * The texts a tokenizer learns on: the {@code n} of the chosen sources (and targets, when {@code
   * targets}) with the smallest hash, sources first, each side in file order, exactly as {@link
   * TextSample#of} picks them from the list of every source followed by every target; all of them
   * when {@code n} is 0.
   */
  List<String> sample(int n, boolean sources, boolean targets) {
    if (n == 0) {
      List<String> src = new ArrayList<>();
      List<String> tgt = new ArrayList<>();
      forEach(
          (i, s, t) -> {
            if (sources) {
              src.add(s);
            }
            if (targets) {
              tgt.add(t);
            }
          });
      src.addAll(tgt);
      return src;
    }
    TextSample.Selector selector = new TextSample.Selector(n, true);
    List<String> targetTexts = new ArrayList<>();
    forEach(
        (i, s, t) -> {
          if (sources) {
            selector.offer(i, s);
          }
          if (targets) {
            selector.offer(TARGETS + i, t);
          }
        });
    List<String> out = new ArrayList<>();
    for (TextSample.Chosen c : selector.chosen()) {
      (c.position() < TARGETS ? out : targetTexts).add(c.text());
    }
    out.addAll(targetTexts);
    return out;
  }

  /**
   * The chosen pairs tokenized, from the cache in {@code cacheParent} that matches this file,
   * subset and tokenizers, built (on every core) when there is none yet.
   */
  TokenCache tokenize(Path cacheParent, Tokenizer source, Tokenizer target) {
    String key = key(source, target);
    return TokenCache.openOrBuild(cacheParent, key, sink -> fill(sink, source, target));
  }

  private void fill(TokenCache.Sink sink, Tokenizer source, Tokenizer target) throws IOException {
    List<String[]> chunk = new ArrayList<>(CHUNK);
    try {
      forEach(
          (i, s, t) -> {
            chunk.add(new String[] {s, t});
            if (chunk.size() == CHUNK) {
              write(chunk, sink, source, target);
            }
          });
      write(chunk, sink, source, target);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void write(
      List<String[]> chunk, TokenCache.Sink sink, Tokenizer source, Tokenizer target) {
    Seq2SeqExample[] encoded =
        IntStream.range(0, chunk.size())
            .parallel()
            .mapToObj(
                k ->
                    new Seq2SeqExample(
                        source.encode(chunk.get(k)[0]), target.encode(chunk.get(k)[1])))
            .toArray(Seq2SeqExample[]::new);
    try {
      for (Seq2SeqExample e : encoded) {
        sink.add(e.source(), e.target());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    chunk.clear();
  }

  /** Everything the tokenized pairs depend on, as text (hashed into the cache's folder name). */
  String key(Tokenizer source, Tokenizer target) {
    try {
      Path absolute = file.toAbsolutePath().normalize();
      return absolute
          + "|bytes="
          + Files.size(absolute)
          + "|modified="
          + Files.getLastModifiedTime(absolute).toMillis()
          + "|train_pairs="
          + trainPairs
          + "|source="
          + Tokenizers.fingerprint(source)
          + "|target="
          + Tokenizers.fingerprint(target);
    } catch (IOException e) {
      throw new DataException("corpus file " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** The positions of the chosen pairs, ascending; null for all of them. */
  private int[] choose() {
    if (trainPairs == 0) {
      return null;
    }
    TextSample.Selector selector = new TextSample.Selector(trainPairs, false);
    long pairs = ParallelCorpus.forEach(file, new Offer(selector));
    if (pairs <= trainPairs) {
      return null;
    }
    return selector.chosen().stream().mapToInt(c -> (int) c.position()).toArray();
  }

  /** Offers each source to a selector at its position in the file. */
  private static final class Offer implements ParallelCorpus.PairVisitor {
    private final TextSample.Selector selector;
    private long position;

    Offer(TextSample.Selector selector) {
      this.selector = selector;
    }

    @Override
    public void accept(String source, String target) {
      selector.offer(position++, source);
    }
  }
}
