package org.ablate.training.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Corpus BLEU (Papineni et al. 2002) computed as sacreBLEU does by default: 13a tokenization of
 * detokenized text, n-grams up to 4 clipped by the reference, corpus-level brevity penalty, and the
 * "exp" smoothing of mteval-v13a for orders without matches. One reference per sentence.
 *
 * <pre>{@code
 * double bleu = Bleu.corpus(hypotheses, references).score();
 * }</pre>
 */
public final class Bleu {
  /**
   * sacreBLEU's signature of the BLEU computed here; the version is the sacreBLEU release whose
   * scores the tests reproduce.
   */
  public static final String SIGNATURE =
      "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.5.1";

  private static final int ORDER = 4;
  private static final Pattern PUNCT = Pattern.compile("([\\{-\\~\\[-\\` -\\&\\(-\\+\\:-\\@\\/])");
  private static final Pattern PERIOD_COMMA_AFTER = Pattern.compile("([^0-9])([\\.,])");
  private static final Pattern PERIOD_COMMA_BEFORE = Pattern.compile("([\\.,])([^0-9])");
  private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");

  /** Unicode white space, as Python's str.split() uses (no-break spaces included). */
  static final Pattern WHITESPACE = Pattern.compile("(?U)\\s+");

  private static final Pattern TRAILING = Pattern.compile("(?U)\\s+$");

  /** The score (0-100) and its sufficient statistics. */
  public record Result(
      double score,
      double brevityPenalty,
      double[] precisions,
      long hypothesisLength,
      long referenceLength) {}

  private Bleu() {}

  /** sacreBLEU's 13a tokenizer (mteval-v13a). */
  public static String tokenize13a(String text) {
    String line = text.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
    if (line.contains("&")) {
      line =
          line.replace("&quot;", "\"")
              .replace("&amp;", "&")
              .replace("&lt;", "<")
              .replace("&gt;", ">");
    }
    line = " " + line + " ";
    line = PUNCT.matcher(line).replaceAll(" $1 ");
    line = PERIOD_COMMA_AFTER.matcher(line).replaceAll("$1 $2 ");
    line = PERIOD_COMMA_BEFORE.matcher(line).replaceAll(" $1 $2");
    line = DASH_AFTER_DIGIT.matcher(line).replaceAll("$1 $2 ");
    StringBuilder out = new StringBuilder();
    for (String w : WHITESPACE.split(line)) {
      if (!w.isEmpty()) {
        out.append(out.length() == 0 ? "" : " ").append(w);
      }
    }
    return out.toString();
  }

  public static Result corpus(List<String> hypotheses, List<String> references) {
    if (hypotheses.size() != references.size()) {
      throw new IllegalArgumentException(
          hypotheses.size() + " hypotheses but " + references.size() + " references");
    }
    long[] sum = new long[STATS];
    for (int i = 0; i < hypotheses.size(); i++) {
      long[] s = sentenceStats(hypotheses.get(i), references.get(i));
      for (int j = 0; j < STATS; j++) {
        sum[j] += s[j];
      }
    }
    return fromStats(sum);
  }

  /** Number of sufficient statistics per sentence: lengths, then correct and total n-grams. */
  public static final int STATS = 2 + 2 * ORDER;

  /**
   * One sentence's sufficient statistics {@code [hypLen, refLen, correct1..4, total1..4]}; corpus
   * BLEU is {@link #fromStats} of their sum, which makes bootstrap resampling cheap.
   */
  public static long[] sentenceStats(String hypothesis, String reference) {
    String[] hyp = words(tokenize13a(stripTrailing(hypothesis)));
    String[] ref = words(tokenize13a(stripTrailing(reference)));
    long[] s = new long[STATS];
    s[0] = hyp.length;
    s[1] = ref.length;
    for (int n = 1; n <= ORDER; n++) {
      Map<String, Integer> h = ngrams(hyp, n);
      Map<String, Integer> r = ngrams(ref, n);
      for (Map.Entry<String, Integer> e : h.entrySet()) {
        s[2 + ORDER + n - 1] += e.getValue();
        s[2 + n - 1] += Math.min(e.getValue(), r.getOrDefault(e.getKey(), 0));
      }
    }
    return s;
  }

  /** Corpus BLEU from summed sentence statistics. */
  public static Result fromStats(long[] s) {
    return score(
        java.util.Arrays.copyOfRange(s, 2, 2 + ORDER),
        java.util.Arrays.copyOfRange(s, 2 + ORDER, STATS),
        s[0],
        s[1]);
  }

  static Result score(long[] correct, long[] total, long sysLen, long refLen) {
    double bp = 1.0;
    if (sysLen < refLen) {
      bp = sysLen > 0 ? Math.exp(1 - (double) refLen / sysLen) : 0.0;
    }
    double[] precisions = new double[ORDER];
    boolean any = false;
    for (long c : correct) {
      any |= c > 0;
    }
    if (!any) {
      return new Result(0.0, bp, precisions, sysLen, refLen);
    }
    double smooth = 1.0;
    for (int n = 0; n < ORDER; n++) {
      if (total[n] == 0) {
        break;
      }
      if (correct[n] == 0) {
        smooth *= 2;
        precisions[n] = 100.0 / (smooth * total[n]);
      } else {
        precisions[n] = 100.0 * correct[n] / total[n];
      }
    }
    double logSum = 0;
    for (double p : precisions) {
      logSum += p == 0.0 ? -9999999999.0 : Math.log(p);
    }
    return new Result(bp * Math.exp(logSum / ORDER), bp, precisions, sysLen, refLen);
  }

  private static String stripTrailing(String s) {
    return TRAILING.matcher(s).replaceAll("");
  }

  private static String[] words(String tokenized) {
    return tokenized.isEmpty() ? new String[0] : tokenized.split(" ");
  }

  private static Map<String, Integer> ngrams(String[] tokens, int n) {
    Map<String, Integer> out = new HashMap<>();
    for (int i = 0; i + n <= tokens.length; i++) {
      out.merge(
          String.join("\u0001", java.util.Arrays.copyOfRange(tokens, i, i + n)), 1, Integer::sum);
    }
    return out;
  }
}
