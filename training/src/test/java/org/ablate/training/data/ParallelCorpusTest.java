package org.ablate.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelCorpusTest {
  @Test
  void readsPairsAndSkipsCommentsAndBlankLines(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("train.tsv");
    Files.writeString(f, "# header\nOpen\tOuvrir\n\nSave file\tEnregistrer le fichier\n");
    ParallelCorpus c = ParallelCorpus.read(f);
    assertEquals(2, c.size());
    assertEquals("Enregistrer le fichier", c.targets().get(1));
  }

  @Test
  void aPairWhoseSourceStartsWithHashIsAPairNotAComment(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("test.tsv");
    Files.writeString(
        f, "# a comment\n#  Builtin rule\t# Pas de r\u00e8gle interne\nOpen\tOuvrir\n");
    ParallelCorpus c = ParallelCorpus.read(f);
    assertEquals(2, c.size());
    assertEquals("#  Builtin rule", c.sources().get(0));
    assertEquals("# Pas de r\u00e8gle interne", c.targets().get(0));
  }

  @Test
  void theBundledCorpusReadsEveryPairItsManifestCounts() throws Exception {
    Path corpus = Path.of("..", "data", "gettext-en-fr");
    String manifest = Files.readString(corpus.resolve("manifest.json"));
    for (String split : new String[] {"train", "dev", "test"}) {
      Matcher m = Pattern.compile("\"" + split + "\"\\s*:\\s*(\\d+)").matcher(manifest);
      assertTrue(m.find(), split + " count in manifest.json");
      assertEquals(
          Integer.parseInt(m.group(1)),
          ParallelCorpus.read(corpus.resolve(split + ".tsv")).size(),
          split + ".tsv");
    }
  }

  @Test
  void aMalformedLineNamesFileAndLine(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("dev.tsv");
    Files.writeString(f, "Open\tOuvrir\nno tab here\n");
    DataException e = assertThrows(DataException.class, () -> ParallelCorpus.read(f));
    assertTrue(e.getMessage().contains("dev.tsv:2"), e.getMessage());
    assertTrue(e.getMessage().contains("one tab"), e.getMessage());
  }

  @Test
  void missingAndEmptyFilesSayHowToFixThem(@TempDir Path dir) throws Exception {
    DataException missing =
        assertThrows(DataException.class, () -> ParallelCorpus.read(dir.resolve("nope.tsv")));
    assertTrue(missing.getMessage().contains("./ablate data gettext"), missing.getMessage());
    Path empty = Files.writeString(dir.resolve("empty.tsv"), "\n");
    assertTrue(
        assertThrows(DataException.class, () -> ParallelCorpus.read(empty))
            .getMessage()
            .contains("holds no pairs"));
  }
}
