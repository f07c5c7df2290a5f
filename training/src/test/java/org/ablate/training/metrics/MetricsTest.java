package org.ablate.training.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected values come from sacreBLEU 2.5.1 (default BLEU and chrF) run on the same strings. */
class MetricsTest {
  private static void check(List<String> hyp, List<String> ref, double bleu, double chrf) {
    assertEquals(bleu, Bleu.corpus(hyp, ref).score(), 1e-9, "BLEU");
    assertEquals(chrf, Chrf.corpus(hyp, ref), 1e-9, "chrF");
  }

  @Test
  void matchesSacreBleuOnMixedSentences() {
    check(
        List.of("The cat sat on the mat.", "Il y a un chat sur le tapis !"),
        List.of("The cat is on the mat.", "Il y a un chat sur le tapis."),
        72.41577342575832,
        82.5434966712052);
  }

  @Test
  void matchesSacreBleuOnNumbersAndPunctuation() {
    check(
        List.of("It costs 1,000.50 dollars - really (no) kidding?"),
        List.of("It costs 1,000.50 dollars-really (no) kidding!"),
        33.932513407933634,
        97.39746893630078);
  }

  @Test
  void treatsNoBreakSpacesAsWhitespaceLikeSacreBleu() {
    check(
        List.of("Fichier introuvable\u00a0: %s", "Voulez-vous continuer\u202f?"),
        List.of("Fichier introuvable : %s", "Voulez-vous vraiment continuer ?"),
        78.46630356446553,
        79.0546767865519);
  }

  @Test
  void unescapesEntitiesBeforeTokenizing() {
    check(
        List.of("a &amp; b &lt;c&gt; \"d\""),
        List.of("a & b <c> \"d\""),
        100.00000000000004,
        17.466482428082347);
  }

  @Test
  void edgeCases() {
    check(List.of("the cat"), List.of("the cat sat on the mat"), 0.0, 27.25331540542631);
    check(List.of("xyz"), List.of("abc def"), 0.0, 0.0);
    assertEquals(100.0, Bleu.corpus(List.of("a b c d e"), List.of("a b c d e")).score(), 1e-9);
    assertEquals(100.0, Chrf.corpus(List.of("abc def"), List.of("abc def")), 1e-9);
  }

  @Test
  void brevityPenaltyByHand() {
    // hypothesis "a b c d" is a prefix of the 8-word reference: all precisions 1, BP = exp(1 -
    // 8/4).
    Bleu.Result r = Bleu.corpus(List.of("a b c d"), List.of("a b c d e f g h"));
    assertEquals(Math.exp(1 - 8.0 / 4), r.brevityPenalty(), 1e-12);
    assertEquals(100 * Math.exp(-1), r.score(), 1e-9);
  }

  @Test
  void tokenizes13aLikeMteval() {
    assertEquals(
        "It costs 1,000.50 dollars - really ( no ) kidding ?",
        Bleu.tokenize13a("It costs 1,000.50 dollars - really (no) kidding?"));
    assertEquals(
        "Don't stop-me now , 3 - 4 times .", Bleu.tokenize13a("Don't stop-me now, 3-4 times."));
    assertEquals("a & b < c >", Bleu.tokenize13a("a &amp; b &lt;c&gt;"));
  }
}
