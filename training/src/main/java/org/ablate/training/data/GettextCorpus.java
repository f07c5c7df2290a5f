package org.ablate.training.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns translated gettext messages into a clean parallel corpus: one line only; no printf or
 * template placeholders ({@code % { $}), markup or mnemonics ({@code < & _}), tabs or backslashes;
 * source 3-60 characters, target 2-80; no pair whose target is the source up to case; one pair per
 * lower-cased source (first seen wins). Pairs are split into train/dev/test by a hash of the
 * lower-cased source, so a rebuild gives the same split.
 */
public final class GettextCorpus {
  /** Per-mille of pairs in dev and in test. */
  static final int DEV_PER_MILLE = 35;

  static final int TEST_PER_MILLE = 35;

  public static final String FILTERS =
      "one line; no '%', '{', '$', '<', '&', '_', tab or backslash; source 3-60 characters; target 2-80 characters;"
          + " target differs from the source beyond case; unique lower-cased source (first seen wins)";

  private final Set<String> seen = new HashSet<>();
  private final Map<String, List<String[]>> splits = new LinkedHashMap<>();
  private final Map<String, int[]> perPackage = new LinkedHashMap<>();
  private final Set<String> heldOutSeen = new HashSet<>();
  private final List<String[]> heldOut = new ArrayList<>();

  public GettextCorpus() {
    for (String s : new String[] {"train", "dev", "test"}) {
      splits.put(s, new ArrayList<>());
    }
  }

  /** Whether a message passes the filters. */
  public static boolean keep(String source, String target) {
    String s = source.strip();
    String t = target.strip();
    if (!s.equals(source) || !t.equals(target)) {
      return false;
    }
    if (s.length() < 3 || s.length() > 60 || t.length() < 2 || t.length() > 80) {
      return false;
    }
    for (String text : new String[] {s, t}) {
      for (char c : new char[] {'\n', '\r', '\t', '\\', '%', '{', '$', '<', '&', '_'}) {
        if (text.indexOf(c) >= 0) {
          return false;
        }
      }
    }
    return !s.toLowerCase(Locale.ROOT).equals(t.toLowerCase(Locale.ROOT));
  }

  /** Adds the messages of one package's catalogs; returns how many pairs were kept. */
  public int add(String pkg, List<MoFile.Message> messages) {
    return add(pkg, messages, seen::add, (key, pair) -> splits.get(splitOf(key)).add(pair));
  }

  /**
   * Adds the messages of a package held out of training, dev and test: pairs that pass the filters
   * and whose lower-cased source is not already in the corpus (so the held-out set measures
   * translation of unseen messages); call after every training package. Returns how many were kept.
   */
  public int addHeldOut(String pkg, List<MoFile.Message> messages) {
    return add(
        pkg,
        messages,
        key -> !seen.contains(key) && heldOutSeen.add(key),
        (key, pair) -> heldOut.add(pair));
  }

  /**
   * Counts a package's messages and passes each pair that passes the filters and that {@code admit}
   * accepts by its lower-cased source to {@code sink}; returns how many were kept.
   */
  private int add(
      String pkg,
      List<MoFile.Message> messages,
      java.util.function.Predicate<String> admit,
      java.util.function.BiConsumer<String, String[]> sink) {
    int[] counts = perPackage.computeIfAbsent(pkg, k -> new int[2]);
    int kept = 0;
    for (MoFile.Message m : messages) {
      counts[0]++;
      if (m.translation().isEmpty() || !keep(m.original(), m.translation())) {
        continue;
      }
      String key = m.original().toLowerCase(Locale.ROOT);
      if (admit.test(key)) {
        sink.accept(key, new String[] {m.original(), m.translation()});
        kept++;
      }
    }
    counts[1] += kept;
    return kept;
  }

  /** The held-out pairs, in the order they were added. */
  public List<String[]> heldOut() {
    return heldOut;
  }

  /** train, dev or test, by a hash of the lower-cased source. */
  static String splitOf(String key) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      int bucket = Math.floorMod(((h[0] & 0xff) << 8) | (h[1] & 0xff), 1000);
      return bucket < DEV_PER_MILLE
          ? "dev"
          : bucket < DEV_PER_MILLE + TEST_PER_MILLE ? "test" : "train";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Map<String, List<String[]>> splits() {
    return splits;
  }

  /** Messages read and pairs kept per package. */
  public Map<String, int[]> perPackage() {
    return perPackage;
  }
}
