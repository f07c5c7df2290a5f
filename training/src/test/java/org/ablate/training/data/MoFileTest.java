package org.ablate.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MoFileTest {
  /** Builds a .mo catalog the way msgfmt lays it out. */
  static byte[] catalog(ByteOrder order, Charset charset, String[][] entries) {
    int n = entries.length;
    int originals = 28;
    int translations = originals + 8 * n;
    int strings = translations + 8 * n;
    ByteArrayOutputStream blob = new ByteArrayOutputStream();
    int[][] ids = new int[n][2];
    int[][] strs = new int[n][2];
    for (int i = 0; i < n; i++) {
      byte[] id = entries[i][0].getBytes(charset);
      ids[i] = new int[] {id.length, strings + blob.size()};
      blob.writeBytes(id);
      blob.write(0);
    }
    for (int i = 0; i < n; i++) {
      byte[] s = entries[i][1].getBytes(charset);
      strs[i] = new int[] {s.length, strings + blob.size()};
      blob.writeBytes(s);
      blob.write(0);
    }
    ByteBuffer buf = ByteBuffer.allocate(strings + blob.size()).order(order);
    buf.putInt(0x950412de)
        .putInt(0)
        .putInt(n)
        .putInt(originals)
        .putInt(translations)
        .putInt(0)
        .putInt(0);
    for (int[] e : ids) {
      buf.putInt(e[0]).putInt(e[1]);
    }
    for (int[] e : strs) {
      buf.putInt(e[0]).putInt(e[1]);
    }
    buf.put(blob.toByteArray());
    return buf.array();
  }

  static final String[][] ENTRIES = {
    {"", "Content-Type: text/plain; charset=%s\nPlural-Forms: nplurals=2;\n"},
    {"Open file", "Ouvrir le fichier"},
    {"menu\u0004Quit", "Quitter"},
    {"%d file\u0000%d files", "%d fichier\u0000%d fichiers"},
    {"Café", "Café crème"}
  };

  private static String[][] entries(String charset) {
    String[][] e = new String[ENTRIES.length][];
    for (int i = 0; i < e.length; i++) {
      e[i] = ENTRIES[i].clone();
    }
    e[0][1] = ENTRIES[0][1].replace("%s", charset);
    return e;
  }

  @Test
  void readsBothByteOrdersContextsPluralsAndTheHeaderCharset() {
    for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
      for (String charset : List.of("UTF-8", "ISO-8859-1")) {
        List<MoFile.Message> m =
            MoFile.parse(catalog(order, Charset.forName(charset), entries(charset)), "test.mo");
        assertEquals(4, m.size(), "header skipped");
        assertEquals(new MoFile.Message("Open file", "Ouvrir le fichier"), m.get(0));
        assertEquals(new MoFile.Message("Quit", "Quitter"), m.get(1), "context dropped");
        assertEquals(
            new MoFile.Message("%d file", "%d fichier"), m.get(2), "singular of a plural entry");
        assertEquals(new MoFile.Message("Café", "Café crème"), m.get(3), charset + " decoded");
      }
    }
  }

  @Test
  void rejectsWhatIsNotACatalog() {
    DataException e =
        assertThrows(
            DataException.class,
            () ->
                MoFile.parse(
                    "definitely not a catalog file".getBytes(StandardCharsets.UTF_8), "x.mo"));
    assertTrue(e.getMessage().contains("x.mo is not a .mo catalog"), e.getMessage());
    byte[] truncated =
        java.util.Arrays.copyOf(
            catalog(ByteOrder.LITTLE_ENDIAN, StandardCharsets.UTF_8, entries("UTF-8")), 60);
    assertThrows(DataException.class, () -> MoFile.parse(truncated, "cut.mo"));
  }

  @Test
  void corpusFiltersFollowTheRecipe() {
    assertTrue(GettextCorpus.keep("Open file", "Ouvrir le fichier"));
    assertFalse(GettextCorpus.keep("%d files", "%d fichiers"), "placeholder");
    assertFalse(GettextCorpus.keep("_Open", "_Ouvrir"), "mnemonic");
    assertFalse(GettextCorpus.keep("<b>Bold</b>", "<b>Gras</b>"), "markup");
    assertFalse(GettextCorpus.keep("Two\nlines", "Deux\nlignes"), "one line only");
    assertFalse(GettextCorpus.keep("OK", "D'accord"), "source too short");
    assertFalse(GettextCorpus.keep("Menu", "menu"), "same up to case");
    GettextCorpus corpus = new GettextCorpus();
    corpus.add(
        "pkg",
        List.of(
            new MoFile.Message("Open file", "Ouvrir le fichier"),
            new MoFile.Message("open FILE", "Ouvrir")));
    assertEquals(
        1,
        corpus.splits().values().stream().mapToInt(List::size).sum(),
        "de-duplicated by lower-cased source");
    assertEquals(
        GettextCorpus.splitOf("open file"),
        GettextCorpus.splitOf("open file"),
        "deterministic split");
  }
}
