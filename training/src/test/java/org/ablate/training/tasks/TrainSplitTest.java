package org.ablate.training.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ablate.training.data.BpeTokenizer;
import org.ablate.training.data.TextSample;
import org.ablate.training.data.TokenCache;
import org.ablate.training.data.Tokenizer;
import org.ablate.training.data.Tokenizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streamed training split: data.train_pairs subsets (fixed, nested, in file order), the
 * tokenizer sample, and the tokenized pairs in a cache that later runs reuse.
 */
class TrainSplitTest {
  @TempDir Path dir;

  private final List<String> sources = new ArrayList<>();
  private final List<String> targets = new ArrayList<>();

  private Path corpus(int pairs) throws IOException {
    StringBuilder text = new StringBuilder("# a comment line\n");
    for (int i = 0; i < pairs; i++) {
      // every 7th source repeats an earlier one: equal hashes must tie by position
      sources.add(i % 7 == 6 ? "message " + (i - 3) : "message " + i);
      targets.add("le message " + i);
      text.append(sources.get(i)).append('\t').append(targets.get(i)).append('\n');
    }
    Path file = dir.resolve("train.tsv");
    Files.writeString(file, text);
    return file;
  }

  private List<Integer> indices(TrainSplit split) {
    List<Integer> seen = new ArrayList<>();
    split.forEach(
        (j, s, t) -> {
          assertEquals(seen.size(), j, "indices count the chosen pairs");
          int i = targets.indexOf(t);
          assertEquals(sources.get(i), s, "pairs stay together");
          seen.add(i);
        });
    return seen;
  }

  @Test
  void subsetsAreFixedNestedAndInFileOrder() throws IOException {
    Path file = corpus(1000);
    assertEquals(1000, indices(new TrainSplit(file, 0)).size());
    assertEquals(1000, indices(new TrainSplit(file, 1000)).size());
    List<Integer> small = indices(new TrainSplit(file, 100));
    List<Integer> large = indices(new TrainSplit(file, 400));
    assertEquals(100, small.size());
    assertEquals(400, large.size());
    assertEquals(small, indices(new TrainSplit(file, 100)), "the same pairs every time");
    assertTrue(large.containsAll(small), "the smaller subset is inside");
    for (int k = 1; k < small.size(); k++) {
      assertTrue(small.get(k) > small.get(k - 1), "file order");
    }
    assertTrue(small.get(99) > 500, "spread over the file, not its first lines: " + small);
    int[] expected = TextSample.positions(sources, 100);
    assertArrayEquals(expected, small.stream().mapToInt(Integer::intValue).toArray());
  }

  @Test
  void theTokenizerSampleIsTheOneTheWholeListGives() throws IOException {
    Path file = corpus(600);
    TrainSplit split = new TrainSplit(file, 300);
    List<String> chosenSources = new ArrayList<>();
    List<String> chosenTargets = new ArrayList<>();
    split.forEach(
        (j, s, t) -> {
          chosenSources.add(s);
          chosenTargets.add(t);
        });
    List<String> both = new ArrayList<>(chosenSources);
    both.addAll(chosenTargets);
    assertEquals(both, split.sample(0, true, true), "0: every text, sources first");
    assertEquals(TextSample.of(both, 250), split.sample(250, true, true));
    assertEquals(TextSample.of(chosenSources, 40), split.sample(40, true, false));
    assertEquals(TextSample.of(chosenTargets, 40), split.sample(40, false, true));
    assertEquals(chosenTargets, split.sample(5000, false, true), "more than there are: all");
  }

  @Test
  void tokenizedPairsAreCachedAndReused() throws IOException {
    Path file = corpus(5000);
    TrainSplit split = new TrainSplit(file, 4500);
    Tokenizer bpe = BpeTokenizer.learn(split.sample(2000, true, true), 300);
    Path caches = dir.resolve(".cache");
    TokenCache cache = split.tokenize(caches, bpe, bpe);
    assertEquals(4500, cache.size());
    List<Integer> chosen = indices(split);
    for (int j : new int[] {0, 1, 2047, 4095, 4096, 4499}) {
      int i = chosen.get(j);
      assertArrayEquals(bpe.encode(sources.get(i)), cache.get(j).source());
      assertArrayEquals(bpe.encode(targets.get(i)), cache.get(j).target());
      assertEquals(cache.get(j).length(), cache.length(j));
    }
    long modified = Files.getLastModifiedTime(cache.folder().resolve("tokens.bin")).toMillis();
    TokenCache again = new TrainSplit(file, 4500).tokenize(caches, bpe, bpe);
    assertEquals(cache.folder(), again.folder(), "the same corpus and tokenizer: the same cache");
    assertEquals(
        modified, Files.getLastModifiedTime(again.folder().resolve("tokens.bin")).toMillis());
    Path saved = dir.resolve("tokenizer.json");
    Tokenizers.save(bpe, saved);
    Tokenizer restored = BpeTokenizer.restore(Tokenizers.read(saved));
    assertEquals(
        cache.folder(),
        split.tokenize(caches, restored, restored).folder(),
        "a resumed run, which restores its tokenizer, reads the cache its start wrote");
    TokenCache other = new TrainSplit(file, 4000).tokenize(caches, bpe, bpe);
    assertTrue(!other.folder().equals(cache.folder()), "another subset: another cache");
    Tokenizer smaller = BpeTokenizer.learn(split.sample(2000, true, true), 200);
    assertTrue(
        !split.tokenize(caches, smaller, smaller).folder().equals(cache.folder()),
        "another tokenizer: another cache");
    try (var listing = Files.list(caches)) {
      assertEquals(3, listing.count(), "three caches and no leftover temporary folders");
    }
  }
}
