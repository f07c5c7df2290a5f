package org.ablate.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerTest {
  static final List<String> TEXTS =
      List.of(
          "Fichier introuvable",
          "Le fichier est introuvable.",
          "Ouvrir le fichier",
          "  deux espaces  et\u00a0insécable ",
          "Voulez-vous continuer ?",
          "fichier fichier fichier",
          "été, à Noël — « guillemets »");

  @Test
  void bpeRoundTripIsExactForSeenCharacters() {
    Tokenizer bpe = BpeTokenizer.learn(TEXTS, 60);
    for (String t : TEXTS) {
      assertEquals(t, bpe.decode(bpe.encode(t)), "round trip of '" + t + "'");
    }
    assertEquals("le fichier", bpe.decode(bpe.encode("le fichier")));
    assertTrue(bpe.vocabularySize() <= 60);
  }

  @Test
  void bpeMergesFrequentPairsFirst() {
    Tokenizer bpe = BpeTokenizer.learn(TEXTS, 200);
    int[] ids = bpe.encode("fichier");
    assertEquals(1, ids.length, "'fichier' is frequent enough to become one token");
    assertEquals("fichier", bpe.token(ids[0]));
    assertTrue(bpe.encode("fichier").length < "fichier".length());
  }

  @Test
  void unseenCharactersBecomeUnknown() {
    Tokenizer chars = CharTokenizer.learn(TEXTS, 1);
    int[] ids = chars.encode("fichier✓");
    assertEquals(Tokens.UNK, ids[ids.length - 1]);
    assertEquals("fichier", chars.decode(java.util.Arrays.copyOf(ids, ids.length - 1)));
  }

  @Test
  void decodingStopsAtEndOfSequenceAndSkipsPadding() {
    Tokenizer chars = CharTokenizer.learn(TEXTS, 1);
    int[] le = chars.encode("le");
    assertEquals(
        "le", chars.decode(new int[] {Tokens.BOS, le[0], le[1], Tokens.EOS, le[0], Tokens.PAD}));
  }

  @Test
  void savedTokenizersReloadIdentically(@TempDir Path dir) throws Exception {
    for (Tokenizer t : List.of(BpeTokenizer.learn(TEXTS, 80), CharTokenizer.learn(TEXTS, 1))) {
      Path file = dir.resolve("t.json");
      Tokenizers.save(t, file);
      Tokenizer back =
          t instanceof BpeTokenizer
              ? BpeTokenizer.restore(Tokenizers.read(file))
              : CharTokenizer.restore(Tokenizers.read(file));
      assertEquals(t.vocabularySize(), back.vocabularySize());
      for (String s : TEXTS) {
        assertArrayEquals(t.encode(s), back.encode(s));
      }
      Files.delete(file);
    }
  }

  /**
   * SentencePiece's byte fallback: "✓" (U+2713, UTF-8 E2 9C 93) never occurs in training, so it
   * becomes its three byte tokens, and decoding joins them back into the character.
   */
  @Test
  void byteFallbackSpellsUnseenCharactersInUtf8Bytes(@TempDir Path dir) throws Exception {
    BpeTokenizer bpe = BpeTokenizer.learn(TEXTS, 400, true);
    assertEquals("<0x00>", bpe.token(4));
    assertEquals("<0xFF>", bpe.token(259));
    assertTrue(bpe.vocabularySize() <= 400);
    int[] ids = bpe.encode("fichier ✓ ok");
    int at = -1;
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == 4 + 0xE2) {
        at = i;
      }
    }
    assertTrue(at >= 0, "the first byte of the check mark: " + java.util.Arrays.toString(ids));
    assertEquals(4 + 0x9C, ids[at + 1]);
    assertEquals(4 + 0x93, ids[at + 2]);
    assertTrue(java.util.Arrays.stream(ids).noneMatch(id -> id == Tokens.UNK));
    for (String t : List.of("fichier ✓ ok", "naïve 日本語 😀", "✓")) {
      assertEquals(t, bpe.decode(bpe.encode(t)), "every text round-trips: " + t);
    }
    assertEquals(
        "\uFFFDa", bpe.decode(new int[] {4 + 0xE2, bpe.encode("a")[0]}), "a cut byte sequence");
    int[] plain = BpeTokenizer.learn(TEXTS, 400).encode("✓");
    assertArrayEquals(new int[] {Tokens.UNK}, plain, "without byte fallback: <unk>");
    Path file = dir.resolve("t.json");
    Tokenizers.save(bpe, file);
    BpeTokenizer back = BpeTokenizer.restore(Tokenizers.read(file));
    assertArrayEquals(bpe.encode("naïve 日本語 😀"), back.encode("naïve 日本語 😀"));
    assertEquals(Tokenizers.fingerprint(bpe), Tokenizers.fingerprint(back));
    assertTrue(
        !Tokenizers.fingerprint(bpe)
            .equals(Tokenizers.fingerprint(BpeTokenizer.learn(TEXTS, 400))));
    DataException tooSmall =
        org.junit.jupiter.api.Assertions.assertThrows(
            DataException.class, () -> BpeTokenizer.learn(TEXTS, 200, true));
    assertTrue(tooSmall.getMessage().contains("vocab_size=200"), tooSmall.getMessage());
  }
}
