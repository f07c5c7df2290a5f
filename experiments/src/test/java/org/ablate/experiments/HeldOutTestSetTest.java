package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ablate.core.AblateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code data.heldout_size}: a translation run also tests on pairs of the corpus folder's {@code
 * heldout.tsv} (packages kept out of training), spread evenly over the file, with BLEU and chrF.
 */
class HeldOutTestSetTest {
  static final String YAML =
      """
      name: heldout
      data: {type: translation, corpus: %s, tokenizer: {type: char}, max_length: 24, buckets: [16, 24], heldout_size: 3}
      model: {type: transformer, d_model: 16, heads: 2, d_ff: 32, encoder_layers: 1, decoder_layers: 1}
      training: {steps: 10, eval_every: 10, batch_size: 4}
      """;

  private static Path corpus(Path dir) throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    String pairs = "red car\trouge voiture\nblue car\tbleu voiture\ngreen tree\tarbre vert\n";
    for (String split : List.of("train", "dev", "test")) {
      Files.writeString(corpus.resolve(split + ".tsv"), pairs);
    }
    return corpus;
  }

  @Test
  void theHeldOutPairsAreTestedWithBleuAndChrf(@TempDir Path dir) throws Exception {
    Path corpus = corpus(dir);
    Files.writeString(
        corpus.resolve("heldout.tsv"),
        "one\tun\ntwo\tdeux\nthree\ttrois\nfour\tquatre\nfive\tcinq\n");
    Map<String, Object> results = EndToEndTest.run(YAML.formatted(corpus), dir, List.of());
    for (String metric : List.of("test_heldout_bleu", "test_heldout_chrf")) {
      double v = ((Number) results.get(metric)).doubleValue();
      assertTrue(v >= 0 && v <= 100, metric + " = " + v);
    }
    assertTrue(results.containsKey("test_heldout_loss"), results.toString());
    assertEquals(3, Files.readAllLines(dir.resolve("run/test_heldout_outputs.txt")).size());
    assertEquals(3, Files.readAllLines(dir.resolve("run/test_heldout_details.jsonl")).size());

    // ./ablate eval recomputes them later, into a new file only
    Path details = dir.resolve("again/heldout_details.jsonl");
    String[] evalArgs = {
      "eval", dir.resolve("run").toString(), "--split", "heldout", "--details", details.toString()
    };
    CliTest.Run eval = CliTest.cli(evalArgs);
    assertEquals(0, eval.code(), eval.err());
    assertTrue(
        eval.out()
            .contains(
                String.format("%-26s %.4f", "test_heldout_bleu", results.get("test_heldout_bleu"))),
        eval.out());
    assertEquals(
        Files.readString(dir.resolve("run/test_heldout_details.jsonl")), Files.readString(details));
    CliTest.Run again = CliTest.cli(evalArgs);
    assertEquals(2, again.code(), again.out());
    assertTrue(again.err().contains("does not overwrite"), again.err());
    CliTest.Run unknown = CliTest.cli("eval", dir.resolve("run").toString(), "--split", "ood");
    assertEquals(2, unknown.code(), unknown.out());
    assertTrue(unknown.err().contains("dev, test, heldout"), unknown.err());

    // a second arm: the report tests the arms on the held-out pairs as on the test split
    Path other = Files.createDirectories(dir.resolve("wider"));
    EndToEndTest.run(YAML.formatted(corpus), other, List.of("model.d_ff=48", "name=wider"));
    CliTest.Run compare =
        CliTest.cli("compare", dir.toString(), "--out", dir.resolve("report").toString());
    assertEquals(0, compare.code(), compare.err());
    String md = Files.readString(dir.resolve("report/report.md"));
    assertTrue(md.contains("- test_bleu: "), md);
    assertTrue(
        java.util.regex.Pattern.compile("- test_heldout_bleu: .* p = [0-9.]+").matcher(md).find(),
        md);
  }

  @Test
  void aCorpusWithoutHeldOutPairsIsNamed(@TempDir Path dir) throws Exception {
    Path corpus = corpus(dir);
    AblateException e =
        assertThrows(
            AblateException.class, () -> EndToEndTest.run(YAML.formatted(corpus), dir, List.of()));
    assertTrue(e.getMessage().contains("has no heldout.tsv"), e.getMessage());
    assertTrue(e.getMessage().contains("data.heldout_size to 0"), e.getMessage());
  }
}
