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
}
