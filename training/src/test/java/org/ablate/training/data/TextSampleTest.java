package org.ablate.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** tokenizer.sample_size: BPE learned on a fixed sample of the training texts. */
class TextSampleTest {
  static List<String> texts(int n) {
    List<String> texts = new ArrayList<>();
    String[] words = {"open", "the", "file", "save", "window", "close", "print", "page"};
    for (int i = 0; i < n; i++) {
      texts.add(
          words[i % 8] + " " + words[(i * 3 + 1) % 8] + " " + words[(i * 5 + 2) % 8] + i % 13);
    }
    return texts;
  }

  @Test
  void aSampleIsFixedNestedAndInOrder() {
    List<String> all = texts(500);
    assertSame(all, TextSample.of(all, 0));
    assertSame(all, TextSample.of(all, 500));
    List<String> small = TextSample.of(all, 50);
    List<String> large = TextSample.of(all, 200);
    assertEquals(50, small.size());
    assertEquals(small, TextSample.of(all, 50));
    assertTrue(large.containsAll(small));
    int[] positions = TextSample.positions(all, 50);
    for (int k = 1; k < positions.length; k++) {
      assertTrue(positions[k] > positions[k - 1], "in order");
    }
  }

  @Test
  void theStreamingSelectorPicksWhatSortingEveryHashPicks() {
    List<String> all = texts(3000); // only 8 * 8 * 8 * 13 word patterns: many equal hashes
    for (int n : new int[] {1, 7, 100, 2999}) {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        order.add(i);
      }
      order.sort(
          java.util.Comparator.<Integer>comparingLong(i -> TextSample.hash(all.get(i)))
              .thenComparingInt(i -> i));
      int[] expected = order.subList(0, n).stream().mapToInt(Integer::intValue).sorted().toArray();
      org.junit.jupiter.api.Assertions.assertArrayEquals(expected, TextSample.positions(all, n));
    }
  }

  @Test
  void bpeOnASampleLearnsFromTheSampleAndStillEncodesEveryText() {
    List<String> all = texts(400);
    List<String> sample = TextSample.of(all, 40);
    BpeTokenizer sampled = BpeTokenizer.learn(sample, 60);
    assertEquals(BpeTokenizer.learn(TextSample.of(all, 40), 60).toJson(), sampled.toJson());
    assertTrue(
        !BpeTokenizer.learn(all, 60).toJson().equals(sampled.toJson()),
        "merges learned on 40 texts differ from those learned on 400");
    for (String t : sample) {
      assertEquals(t, sampled.decode(sampled.encode(t)), "a sampled text round-trips");
    }
    String seen = String.join("", sample);
    String unseen =
        all.stream()
            .filter(t -> t.chars().anyMatch(c -> seen.indexOf(c) < 0))
            .findFirst()
            .orElseThrow();
    assertTrue(
        java.util.Arrays.stream(sampled.encode(unseen)).anyMatch(id -> id == Tokens.UNK),
        "a character the sample never shows becomes <unk>: " + unseen);
    // units are counted on every core: learning twice gives the same merges
    assertEquals(BpeTokenizer.learn(all, 80).toJson(), BpeTokenizer.learn(all, 80).toJson());
  }
}
