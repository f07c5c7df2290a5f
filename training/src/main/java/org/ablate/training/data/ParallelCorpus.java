package org.ablate.training.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A parallel corpus split held in memory ({@link #read}), or streamed ({@link #forEach}): {@code
 * source<TAB>target} per line, UTF-8. Empty lines and comment lines (starting with {@code #} and
 * holding no tab) are skipped; a line with a tab is always a pair, even when its source starts with
 * {@code #} (gettext catalogs hold such messages). Any other line without exactly one tab, or with
 * an empty side, is an error naming the file and line.
 */
public record ParallelCorpus(Path file, List<String> sources, List<String> targets) {
  public int size() {
    return sources.size();
  }

  public static ParallelCorpus read(Path file) {
    List<String> src = new ArrayList<>();
    List<String> tgt = new ArrayList<>();
    forEach(
        file,
        (source, target) -> {
          src.add(source);
          tgt.add(target);
        });
    return new ParallelCorpus(file, List.copyOf(src), List.copyOf(tgt));
  }

  /** What {@link #forEach} hands each pair to. */
  @FunctionalInterface
  public interface PairVisitor {
    void accept(String source, String target);
  }

  /**
   * Streams the pairs of {@code file} in order, one line in memory at a time, with the checks of
   * {@link #read}: a file of any size is read in constant memory.
   *
   * @return how many pairs there were (at least one)
   */
  public static long forEach(Path file, PairVisitor visitor) {
    long pairs = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      long number = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        number++;
        if (line.isBlank() || (line.startsWith("#") && line.indexOf('\t') < 0)) {
          continue;
        }
        int tab = line.indexOf('\t');
        if (tab < 0 || line.indexOf('\t', tab + 1) >= 0 || tab == 0 || tab == line.length() - 1) {
          throw new DataException(
              file
                  + ":"
                  + number
                  + ": expected 'source<TAB>target' with one tab and two non-empty sides, got '"
                  + abbreviate(line)
                  + "'. Fix or delete the line.");
        }
        visitor.accept(line.substring(0, tab), line.substring(tab + 1));
        pairs++;
      }
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
    if (pairs == 0) {
      throw new DataException(
          "corpus file "
              + file
              + " holds no pairs; it needs lines of the form 'source<TAB>target'.");
    }
    return pairs;
  }

  private static String abbreviate(String s) {
    String shown = s.replace("\t", "<TAB>");
    return shown.length() > 80 ? shown.substring(0, 77) + "..." : shown;
  }
}
