package org.ablate.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
