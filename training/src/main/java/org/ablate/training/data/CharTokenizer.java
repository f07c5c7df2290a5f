package org.ablate.training.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One token per Unicode code point seen in training, most frequent first. */
public final class CharTokenizer implements Tokenizer {
  private final List<String> vocabulary;
  private final Map<Integer, Integer> ids = new HashMap<>();

  CharTokenizer(List<String> vocabulary) {
    this.vocabulary = List.copyOf(vocabulary);
    for (int i = Tokens.FIRST; i < vocabulary.size(); i++) {
      ids.put(vocabulary.get(i).codePointAt(0), i);
    }
  }

  /**
   * Learns the character set of {@code texts}; characters seen fewer than minFrequency times map to
   * unknown.
   */
  /** The tokenizer a run saved ({@link #toJson}). */
  public static CharTokenizer restore(TokenizerSource saved) {
    return new CharTokenizer(saved.vocabulary("char"));
  }

  public static CharTokenizer learn(Iterable<String> texts, int minFrequency) {
    Map<Integer, Integer> counts = new TreeMap<>();
    for (String t : texts) {
      t.codePoints().forEach(c -> counts.merge(c, 1, Integer::sum));
    }
    List<Map.Entry<Integer, Integer>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(
        (a, b) ->
            b.getValue().equals(a.getValue())
                ? a.getKey() - b.getKey()
                : b.getValue() - a.getValue());
    List<String> vocab = new ArrayList<>(List.of(Tokens.SPECIAL));
    for (Map.Entry<Integer, Integer> e : entries) {
      if (e.getValue() >= minFrequency) {
        vocab.add(new String(Character.toChars(e.getKey())));
      }
    }
    return new CharTokenizer(vocab);
  }

  @Override
  public int vocabularySize() {
    return vocabulary.size();
  }

  @Override
  public int[] encode(String text) {
    return text.codePoints().map(c -> ids.getOrDefault(c, Tokens.UNK)).toArray();
  }

  @Override
  public String decode(int[] tokens) {
    StringBuilder sb = new StringBuilder();
    for (int id : Tokens.strip(tokens)) {
      sb.append(id == Tokens.UNK ? "\uFFFD" : token(id));
    }
    return sb.toString();
  }

  @Override
  public String token(int id) {
    return vocabulary.get(id);
  }

  @Override
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", "char");
    json.put("vocabulary", vocabulary);
    return json;
  }
}
