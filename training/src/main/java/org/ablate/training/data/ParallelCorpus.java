package org.ablate.training.data;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A parallel corpus split: {@code source<TAB>target} per line, UTF-8. Empty lines and comment lines
 * (starting with {@code #} and holding no tab) are skipped; a line with a tab is always a pair,
 * even when its source starts with {@code #} (gettext catalogs hold such messages). Any other line
 * without exactly one tab, or with an empty side, is an error naming the file and line.
 */
public record ParallelCorpus(Path file, List<String> sources, List<String> targets) {
  public int size() {
    return sources.size();
  }

  public static ParallelCorpus read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new DataException(
          "corpus file "
              + file
              + " does not exist. The bundled EN->FR corpus lives in data/gettext-en-fr (run from the"
              + " repository root, or rebuild it with './ablate data gettext'); for your own corpus, point data.corpus at a"
              + " folder holding train.tsv, dev.tsv and test.tsv.");
    } catch (CharacterCodingException e) {
      throw new DataException(
          "corpus file "
              + file
              + " is not valid UTF-8; convert it (for example with iconv -t UTF-8).",
          e);
    } catch (IOException e) {
      throw new DataException("corpus file " + file + " cannot be read: " + e.getMessage(), e);
    }
    List<String> src = new ArrayList<>();
    List<String> tgt = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || (line.startsWith("#") && line.indexOf('\t') < 0)) {
        continue;
      }
      int tab = line.indexOf('\t');
      if (tab < 0 || line.indexOf('\t', tab + 1) >= 0 || tab == 0 || tab == line.length() - 1) {
        throw new DataException(
            file
                + ":"
                + (i + 1)
                + ": expected 'source<TAB>target' with one tab and two non-empty sides, got '"
                + abbreviate(line)
                + "'. Fix or delete the line.");
      }
      src.add(line.substring(0, tab));
      tgt.add(line.substring(tab + 1));
    }
    if (src.isEmpty()) {
      throw new DataException(
          "corpus file "
              + file
              + " holds no pairs; it needs lines of the form 'source<TAB>target'.");
    }
    return new ParallelCorpus(file, List.copyOf(src), List.copyOf(tgt));
  }

  private static String abbreviate(String s) {
    String shown = s.replace("\t", "<TAB>");
    return shown.length() > 80 ? shown.substring(0, 77) + "..." : shown;
  }
}
