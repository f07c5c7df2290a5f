package org.ablate.training.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ablate.training.data.ParallelCorpus;
import org.junit.jupiter.api.Test;

/** data.train_pairs: fixed, nested subsets of the training pairs, in file order. */
class CorpusSubsetTest {
  @Test
  void subsetsAreFixedNestedAndInFileOrder() {
    List<String> sources = new ArrayList<>();
    List<String> targets = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      sources.add("message " + i);
      targets.add("message " + i + " fr");
    }
    ParallelCorpus all = new ParallelCorpus(Path.of("train.tsv"), sources, targets);
    assertSame(all, CorpusText.subset(all, 0));
    assertSame(all, CorpusText.subset(all, 1000));
    ParallelCorpus small = CorpusText.subset(all, 100);
    ParallelCorpus large = CorpusText.subset(all, 400);
    assertEquals(100, small.size());
    assertEquals(400, large.size());
    assertEquals(small, CorpusText.subset(all, 100), "the same pairs every time");
    assertTrue(large.sources().containsAll(small.sources()), "the smaller subset is inside");
    int previous = -1;
    for (int i = 0; i < small.size(); i++) {
      int index = sources.indexOf(small.sources().get(i));
      assertTrue(index > previous, "file order");
      assertEquals(targets.get(index), small.targets().get(i), "pairs stay together");
      previous = index;
    }
    assertTrue(previous > 500, "spread over the file, not its first lines: last index " + previous);
  }
}
