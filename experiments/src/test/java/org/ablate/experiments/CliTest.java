package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ablate.experiments.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  record Run(int code, String out, String err) {}

  static Run cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out), new PrintStream(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void usageErrorsExitTwoWithHelp() {
    Run none = cli();
    assertEquals(2, none.code());
    Run unknown = cli("rnu");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("did you mean 'run'"), unknown.err());
    Run badOption = cli("run", "--frobnicate");
    assertEquals(2, badOption.code());
    assertTrue(badOption.err().contains("usage: ./ablate run"), badOption.err());
    Run missingFile = cli("run", "no-such.yaml");
    assertEquals(2, missingFile.code());
    assertTrue(missingFile.err().contains("'no-such.yaml' does not exist"), missingFile.err());
    assertEquals(0, cli("run", "--help").code());
  }

  /** The corpus builder refuses bad package lists and an existing corpus before it downloads. */
  @Test
  void theCorpusBuilderRefusesBadInputBeforeDownloading(@TempDir Path dir) throws Exception {
    Run noList = cli("data", "gettext", "--packages", dir.resolve("none.txt").toString());
    assertEquals(2, noList.code(), noList.err());
    assertTrue(noList.err().contains("takes default, all, or a file"), noList.err());
    Path bad =
        java.nio.file.Files.writeString(dir.resolve("bad.txt"), "coreutils\nNot A Package\n");
    Run badName = cli("data", "gettext", "--packages", bad.toString());
    assertEquals(2, badName.code(), badName.err());
    assertTrue(
        badName.err().contains("'Not A Package' is not a Debian package name"), badName.err());
    Path empty = java.nio.file.Files.writeString(dir.resolve("empty.txt"), "# nothing\n");
    assertTrue(
        cli("data", "gettext", "--packages", empty.toString()).err().contains("names no package"));
    Run negative = cli("data", "gettext", "--max-packages", "-3", "--output", dir.toString());
    assertEquals(2, negative.code(), negative.err());
    java.nio.file.Files.writeString(dir.resolve("train.tsv"), "a\tb\n");
    Run existing = cli("data", "gettext", "--output", dir.toString());
    assertEquals(2, existing.code(), existing.err());
    assertTrue(existing.err().contains("pass --overwrite"), existing.err());
    assertEquals("a\tb\n", java.nio.file.Files.readString(dir.resolve("train.tsv")), "untouched");
  }

  @Test
  void aMisspelledKeyFailsBeforeTrainingAndSuggestsTheFix(@TempDir Path dir) throws Exception {
    Path config = Repo.root().resolve("configs/copy-transformer.yaml");
    Path out = dir.resolve("run");
    Run set =
        cli("run", config.toString(), "--set", "model.haeds=8", "--output-dir", out.toString());
    assertEquals(2, set.code());
    assertTrue(
        set.err().contains("unknown key 'model.haeds'")
            && set.err().contains("did you mean 'heads'"),
        set.err());
    assertTrue(
        set.err().contains("--set model.haeds=8"), "names where the key came from: " + set.err());
    assertFalse(set.err().contains("\tat org."), "no stack trace without --debug");
    assertFalse(Files.exists(out), "nothing was created or trained");
    Path typo =
        Files.writeString(
            dir.resolve("typo.yaml"),
            Files.readString(config).replace("  d_ff: 256", "  d_fff: 256"));
    Run file = cli("run", typo.toString(), "--output-dir", out.toString());
    assertEquals(2, file.code());
    assertTrue(
        file.err().contains("typo.yaml:") && file.err().contains("did you mean 'd_ff'"),
        file.err());
  }

  @Test
  void listShowsEverySlotAndPreset() {
    Run list = cli("list");
    assertEquals(0, list.code());
    for (String s :
        new String[] {
          "attention", "positional_encoding", "rnn_cell", "model", "data", "transformer-base"
        }) {
      assertTrue(list.out().contains(s), s + " missing from: " + list.out());
    }
  }
}
