package org.ablate.training.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-pair encoding (Sennrich et al. 2016) over code points. Text is cut into units before every
 * space, and the space becomes the marker {@value #SPACE} (as in SentencePiece), so decoding is
 * concatenation: the round trip is exact for any text whose characters were seen in training (and
 * which does not itself contain the marker). Merges are learned on the training split until the
 * vocabulary (4 special tokens + characters + merged symbols) reaches the configured size.
 *
 * <p>With byte fallback (SentencePiece's {@code byte_fallback}), the 256 tokens {@code <0x00>} ...
 * {@code <0xFF>} follow the special tokens, and a character the vocabulary lacks is encoded as the
 * bytes of its UTF-8 form instead of {@code <unk>}, so every text round-trips exactly.
 */
public final class BpeTokenizer implements Tokenizer {
  static final String SPACE = "\u2581";
  private final List<String> vocabulary;
  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String[]> merges;
  private final Map<String, Integer> ranks = new HashMap<>();
  private final Map<String, int[]> cache = new ConcurrentHashMap<>();
  private final boolean byteFallback;

  /** The id of the first byte token, {@code <0x00>}, when there are byte tokens. */
  static final int FIRST_BYTE = Tokens.SPECIAL.length;

  BpeTokenizer(List<String> vocabulary, List<String[]> merges, boolean byteFallback) {
    this.vocabulary = List.copyOf(vocabulary);
    this.merges = List.copyOf(merges);
    this.byteFallback = byteFallback;
    for (int i = 0; i < vocabulary.size(); i++) {
      ids.put(vocabulary.get(i), i);
    }
    for (int i = 0; i < merges.size(); i++) {
      ranks.put(merges.get(i)[0] + "\u0000" + merges.get(i)[1], i);
    }
  }

  /** Units of {@code text}: a new unit starts at every space, which becomes the marker. */
  static List<String> units(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ') {
        if (current.length() > 0) {
          out.add(current.toString());
        }
        current.setLength(0);
        current.append(SPACE);
      } else {
        current.append(c);
      }
    }
    if (current.length() > 0) {
      out.add(current.toString());
    }
    return out;
  }

  private static List<String> codePoints(String s) {
    List<String> out = new ArrayList<>();
    s.codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
    return out;
  }

  /**
   * Learns merges on {@code texts} until the vocabulary has {@code vocabSize} entries (or no pair
   * repeats).
   */
  /** The tokenizer a run saved ({@link #toJson}). */
  @SuppressWarnings("unchecked")
  public static BpeTokenizer restore(TokenizerSource saved) {
    List<String> vocabulary = saved.vocabulary("bpe");
    List<String[]> merges = new ArrayList<>();
    Object raw = saved.saved().get("merges");
    if (!(raw instanceof List<?> list)) {
      throw new DataException(
          "tokenizer file " + saved.file() + " has no list of merges; restore the run's own file.");
    }
    for (Object m : list) {
      if (!(m instanceof List<?> pair) || pair.size() != 2) {
        throw new DataException(
            "tokenizer file " + saved.file() + " has a merge that is not a pair: " + m + ".");
      }
      merges.add(new String[] {String.valueOf(pair.get(0)), String.valueOf(pair.get(1))});
    }
    Object bytes = saved.saved().getOrDefault("byte_fallback", false);
    if (!(bytes instanceof Boolean byteFallback)
        || (byteFallback
            && (vocabulary.size() < FIRST_BYTE + 256
                || !byteToken(0).equals(vocabulary.get(FIRST_BYTE))
                || !byteToken(255).equals(vocabulary.get(FIRST_BYTE + 255))))) {
      throw new DataException(
          "tokenizer file "
              + saved.file()
              + " has a byte_fallback entry that does not match its vocabulary; restore the run's"
              + " own file.");
    }
    return new BpeTokenizer(vocabulary, merges, byteFallback);
  }

  /** The token of byte {@code b}: {@code <0x41>} for 65, as SentencePiece writes it. */
  static String byteToken(int b) {
    return String.format(Locale.ROOT, "<0x%02X>", b);
  }

  public static BpeTokenizer learn(Iterable<String> texts, int vocabSize) {
    return learn(texts, vocabSize, false);
  }

  /**
   * Learns merges on {@code texts} until the vocabulary has {@code vocabSize} entries (or no pair
   * repeats); with {@code byteFallback}, the 256 byte tokens count towards that size.
   */
  public static BpeTokenizer learn(Iterable<String> texts, int vocabSize, boolean byteFallback) {
    if (byteFallback && vocabSize <= FIRST_BYTE + 256) {
      throw new DataException(
          "data.tokenizer.vocab_size="
              + vocabSize
              + " leaves no room for characters and merges beside byte_fallback's 256 byte tokens"
              + " and the 4 special tokens; raise vocab_size above 260 or set byte_fallback: false.");
    }
    // units are counted on every core; the counts, and so the merges, do not depend on the order
    Map<String, Integer> unitCounts =
        new TreeMap<>(
            java.util.stream.StreamSupport.stream(texts.spliterator(), true)
                .flatMap(t -> units(t).stream())
                .collect(
                    java.util.stream.Collectors.toConcurrentMap(u -> u, u -> 1, Integer::sum)));
    Map<String, Integer> charCounts = new TreeMap<>();
    unitCounts.forEach((u, n) -> codePoints(u).forEach(c -> charCounts.merge(c, n, Integer::sum)));
    List<String> vocab = new ArrayList<>(List.of(Tokens.SPECIAL));
    if (byteFallback) {
      for (int b = 0; b < 256; b++) {
        vocab.add(byteToken(b));
      }
    }
    List<Map.Entry<String, Integer>> chars = new ArrayList<>(charCounts.entrySet());
    chars.sort(
        (a, b) ->
            b.getValue().equals(a.getValue())
                ? a.getKey().compareTo(b.getKey())
                : b.getValue() - a.getValue());
    Map<String, Integer> symbolIds = new HashMap<>();
    for (Map.Entry<String, Integer> c : chars) {
      symbolIds.put(c.getKey(), vocab.size());
      vocab.add(c.getKey());
    }
    // Units as symbol-id arrays with frequencies.
    List<int[]> words = new ArrayList<>();
    List<Integer> freqs = new ArrayList<>();
    unitCounts.forEach(
        (u, n) -> {
          words.add(codePoints(u).stream().mapToInt(symbolIds::get).toArray());
          freqs.add(n);
        });
    Map<Long, Long> pairCounts = new HashMap<>();
    Map<Long, Set<Integer>> pairWords = new HashMap<>();
    for (int w = 0; w < words.size(); w++) {
      addPairs(words.get(w), freqs.get(w), w, pairCounts, pairWords, 1);
    }
    // Max-heap on (count, then smallest pair key) with lazy deletion of stale entries.
    PriorityQueue<long[]> heap =
        new PriorityQueue<>(
            (a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(a[1], b[1]));
    pairCounts.forEach((p, n) -> heap.add(new long[] {n, p}));
    List<String[]> merges = new ArrayList<>();
    while (vocab.size() < vocabSize && !heap.isEmpty()) {
      long[] top = heap.poll();
      long pair = top[1];
      long count = pairCounts.getOrDefault(pair, 0L);
      if (count != top[0]) {
        continue; // stale
      }
      if (count < 2) {
        break;
      }
      int a = (int) (pair >>> 32);
      int b = (int) pair;
      int merged = vocab.size();
      vocab.add(vocab.get(a) + vocab.get(b));
      merges.add(new String[] {vocab.get(a), vocab.get(b)});
      Set<Long> touched = new HashSet<>();
      for (int w : new ArrayList<>(pairWords.getOrDefault(pair, Set.of()))) {
        int[] before = words.get(w);
        int[] after = mergeAll(before, a, b, merged);
        if (after.length == before.length) {
          continue;
        }
        addPairs(before, freqs.get(w), w, pairCounts, pairWords, -1);
        addPairs(after, freqs.get(w), w, pairCounts, pairWords, 1);
        collectPairs(before, touched);
        collectPairs(after, touched);
        words.set(w, after);
      }
      for (long p : touched) {
        long n = pairCounts.getOrDefault(p, 0L);
        if (n > 0) {
          heap.add(new long[] {n, p});
        }
      }
    }
    return new BpeTokenizer(vocab, merges, byteFallback);
  }

  private static long key(int a, int b) {
    return ((long) a << 32) | (b & 0xffffffffL);
  }

  private static void collectPairs(int[] word, Set<Long> out) {
    for (int i = 0; i + 1 < word.length; i++) {
      out.add(key(word[i], word[i + 1]));
    }
  }

  private static void addPairs(
      int[] word,
      int freq,
      int index,
      Map<Long, Long> counts,
      Map<Long, Set<Integer>> where,
      int sign) {
    for (int i = 0; i + 1 < word.length; i++) {
      long k = key(word[i], word[i + 1]);
      long n = counts.getOrDefault(k, 0L) + (long) sign * freq;
      if (n <= 0) {
        counts.remove(k);
      } else {
        counts.put(k, n);
      }
      if (sign > 0) {
        where.computeIfAbsent(k, x -> new HashSet<>()).add(index);
      }
    }
  }

  private static int[] mergeAll(int[] word, int a, int b, int merged) {
    int[] out = new int[word.length];
    int n = 0;
    for (int i = 0; i < word.length; i++) {
      if (i + 1 < word.length && word[i] == a && word[i + 1] == b) {
        out[n++] = merged;
        i++;
      } else {
        out[n++] = word[i];
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  @Override
  public int vocabularySize() {
    return vocabulary.size();
  }

  @Override
  public int[] encode(String text) {
    List<Integer> out = new ArrayList<>();
    for (String unit : units(text)) {
      for (int id : cache.computeIfAbsent(unit, this::encodeUnit)) {
        out.add(id);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private int[] encodeUnit(String unit) {
    List<String> symbols = codePoints(unit);
    while (symbols.size() > 1) {
      int best = -1;
      int bestRank = Integer.MAX_VALUE;
      for (int i = 0; i + 1 < symbols.size(); i++) {
        Integer r = ranks.get(symbols.get(i) + "\u0000" + symbols.get(i + 1));
        if (r != null && r < bestRank) {
          bestRank = r;
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      String a = symbols.get(best);
      String b = symbols.get(best + 1);
      List<String> next = new ArrayList<>();
      for (int i = 0; i < symbols.size(); i++) {
        if (i + 1 < symbols.size() && symbols.get(i).equals(a) && symbols.get(i + 1).equals(b)) {
          next.add(a + b);
          i++;
        } else {
          next.add(symbols.get(i));
        }
      }
      symbols = next;
    }
    List<Integer> out = new ArrayList<>();
    for (String symbol : symbols) {
      Integer id = ids.get(symbol);
      if (id != null) {
        out.add(id);
      } else if (byteFallback) {
        for (byte b : symbol.getBytes(StandardCharsets.UTF_8)) {
          out.add(FIRST_BYTE + (b & 0xFF));
        }
      } else {
        out.add(Tokens.UNK);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public String decode(int[] tokens) {
    StringBuilder sb = new StringBuilder();
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (int id : Tokens.strip(tokens)) {
      if (byteFallback && id >= FIRST_BYTE && id < FIRST_BYTE + 256) {
        bytes.write(id - FIRST_BYTE);
        continue;
      }
      // a run of byte tokens ends: its bytes are one piece of UTF-8 (malformed ones become U+FFFD)
      sb.append(bytes.toString(StandardCharsets.UTF_8));
      bytes.reset();
      sb.append(id == Tokens.UNK ? "\uFFFD" : vocabulary.get(id));
    }
    sb.append(bytes.toString(StandardCharsets.UTF_8));
    return sb.toString().replace(SPACE, " ");
  }

  @Override
  public String token(int id) {
    return vocabulary.get(id);
  }

  @Override
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", "bpe");
    json.put("vocabulary", vocabulary);
    List<List<String>> m = new ArrayList<>();
    merges.forEach(x -> m.add(List.of(x[0], x[1])));
    json.put("merges", m);
    if (byteFallback) {
      json.put("byte_fallback", true); // absent when false, so earlier files describe the same
    }
    return json;
  }
}
