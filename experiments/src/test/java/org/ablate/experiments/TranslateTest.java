package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ablate.training.data.Tokens;
import org.ablate.training.metrics.Bleu;
import org.ablate.training.metrics.Chrf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** {@code ./ablate translate}: text, n-best and JSON lines, from stdin or a file, to a new file. */
class TranslateTest {
  @TempDir static Path dir;

  @BeforeAll
  static void train() throws Exception {
    TranslationFixture.train(dir);
  }

  @Test
  void translateReadsLinesAndWritesOneOutputPerLine() {
    CliTest.Run beam1 = TranslationFixture.translate(dir, "red blue\n\nwhite green\n", "1");
    assertEquals(0, beam1.code(), beam1.err());
    assertEquals(List.of("rouge bleu", "", "blanc vert"), beam1.out().lines().toList());
    CliTest.Run beam4 = TranslationFixture.translate(dir, "red blue\nwhite green\n", "4");
    assertEquals(List.of("rouge bleu", "blanc vert"), beam4.out().lines().toList());

    CliTest.Run nBest =
        TranslationFixture.translate(dir, "red blue\nwhite green\n", "4", "--nbest", "3");
    assertEquals(0, nBest.code(), nBest.err());
    List<String[]> rows = nBest.out().lines().map(l -> l.split("\t", -1)).toList();
    assertEquals(6, rows.size(), nBest.out());
    for (int i = 0; i < 6; i++) {
      assertEquals(String.valueOf(i / 3), rows.get(i)[0], nBest.out());
      if (i % 3 > 0) {
        assertTrue(
            Double.parseDouble(rows.get(i)[1]) <= Double.parseDouble(rows.get(i - 1)[1]),
            "n-best lists are sorted by score: " + nBest.out());
      }
    }
    assertEquals("rouge bleu", rows.get(0)[2]);
    assertEquals("blanc vert", rows.get(3)[2]);
    assertEquals(3, rows.subList(0, 3).stream().map(r -> r[2]).distinct().count(), nBest.out());

    CliTest.Run tooMany = TranslationFixture.translate(dir, "red blue\n", "2", "--nbest", "3");
    assertEquals(2, tooMany.code());
    assertTrue(tooMany.err().contains("--beam 3"), tooMany.err());
  }

  /**
   * Every JSON-lines hypothesis rescored outside Ablate, through the exported SavedModel with
   * TensorFlow alone: the source ids in, BOS plus the output ids (teacher forcing) in, and the
   * log-probability of each output id read from the served {@code log_probs}. Each equals the
   * printed token log-probability, and their sum the printed score.
   */
  @Test
  void jsonlHypothesesRescoreToTheirScoresThroughTheSavedModel() throws Exception {
    Path input = dir.resolve("input.txt");
    Files.writeString(input, "red blue\nwhite green\n\nblack red\n");
    Path output = dir.resolve("nbest.jsonl");
    CliTest.Run run =
        TranslationFixture.translate(
            dir,
            "",
            "4",
            "--nbest",
            "4",
            "--format",
            "jsonl",
            "--input",
            input.toString(),
            "--output",
            output.toString());
    assertEquals(0, run.code(), run.err());
    assertEquals("", run.out(), "the translations went to the file");
    List<JsonNode> records = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(output)) {
      records.add(json.readTree(line));
    }
    assertEquals(13, records.size(), "4 hypotheses for each of 3 lines, one record for the blank");
    assertEquals("blank input line", records.get(8).get("skipped").asText());
    assertEquals("rouge bleu", records.get(0).get("text").asText());
    assertEquals(0, records.get(0).get("rank").asInt());

    Path saved = dir.resolve("saved");
    CliTest.Run export =
        CliTest.cli(
            "export",
            dir.resolve("run").toString(),
            "--format",
            "savedmodel",
            "--output",
            saved.toString());
    assertEquals(0, export.code(), export.err());
    int checked = 0;
    try (SavedModelBundle bundle = SavedModelBundle.load(saved.toString(), "serve")) {
      for (JsonNode r : records) {
        if (r.has("skipped")) {
          continue;
        }
        int[] source = ints(r.get("source_ids"));
        int[] ids = ints(r.get("ids"));
        int[] targetIn = new int[ids.length];
        targetIn[0] = Tokens.BOS;
        System.arraycopy(ids, 0, targetIn, 1, ids.length - 1);
        double sum = 0;
        try (TInt32 s = TInt32.tensorOf(StdArrays.ndCopyOf(new int[][] {source}));
            TInt32 t = TInt32.tensorOf(StdArrays.ndCopyOf(new int[][] {targetIn}));
            Result out = bundle.call(Map.<String, Tensor>of("source", s, "target_in", t))) {
          TFloat32 lp = (TFloat32) out.get("log_probs").orElseThrow();
          for (int i = 0; i < ids.length; i++) {
            double expected = lp.getFloat(i, ids[i]);
            assertEquals(expected, r.get("token_logprobs").get(i).asDouble(), 2e-5, r.toString());
            sum += expected;
          }
        }
        assertEquals(sum, r.get("score").asDouble(), 1e-4, r.toString());
        assertEquals(r.get("tokens").size(), ids.length);
        checked++;
      }
    }
    assertEquals(12, checked);
    assertTrue(
        records.stream()
            .anyMatch(
                r ->
                    !r.has("skipped")
                        && ints(r.get("ids")).length > 0
                        && ints(r.get("ids"))[ints(r.get("ids")).length - 1] == Tokens.EOS),
        "finished hypotheses end with the end token's id");
  }

  @Test
  void anOutputFileIsNewAndWrittenOnlyWhenEveryLineWasTranslated() throws Exception {
    Path existing = dir.resolve("existing.txt");
    Files.writeString(existing, "keep me\n");
    CliTest.Run refused =
        TranslationFixture.translate(dir, "red blue\n", "1", "--output", existing.toString());
    assertEquals(2, refused.code(), refused.err());
    assertTrue(refused.err().contains("already exists"), refused.err());
    assertEquals("keep me\n", Files.readString(existing));

    Path output = dir.resolve("out/failed.txt");
    Files.createDirectories(output.getParent());
    String tooLong = "red blue ".repeat(10);
    CliTest.Run failed =
        TranslationFixture.translate(
            dir, "red blue\n" + tooLong + "\n", "1", "--output", output.toString());
    assertTrue(failed.code() != 0, failed.err());
    assertTrue(failed.err().contains("input line 2"), failed.err());
    assertFalse(failed.err().contains("Exception"), failed.err());
    try (var left = Files.list(output.getParent())) {
      assertEquals(List.of(), left.toList(), "a failed translation leaves no file behind");
    }

    CliTest.Run missing =
        TranslationFixture.translate(dir, "", "1", "--input", dir.resolve("nope.txt").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("does not exist"), missing.err());
    CliTest.Run badFormat = TranslationFixture.translate(dir, "red\n", "1", "--format", "xml");
    assertEquals(2, badFormat.code());
    assertTrue(badFormat.err().contains("text or jsonl"), badFormat.err());
  }

  /**
   * results.json and the comparison report name the BLEU and chrF that were computed, and the
   * report shows the first test outputs beside their sources and references.
   */
  @Test
  void resultsAndTheReportCarrySacreBleuSignatures() throws Exception {
    JsonNode results = new ObjectMapper().readTree(dir.resolve("run/results.json").toFile());
    assertEquals(Bleu.SIGNATURE, results.get("bleu_signature").asText());
    assertEquals(Chrf.SIGNATURE, results.get("chrf_signature").asText());
    Path report = dir.resolve("signature-report");
    CliTest.Run run =
        CliTest.cli("compare", dir.resolve("run").toString(), "--out", report.toString());
    assertEquals(0, run.code(), run.err());
    String markdown = Files.readString(report.resolve("report.md"));
    assertTrue(
        markdown.contains(
            "BLEU signature (sacreBLEU's notation): nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.5.1"),
        markdown);
    assertTrue(markdown.contains("chrF signature (sacreBLEU's notation): " + Chrf.SIGNATURE));
    // the first test pairs side by side: source, reference, the arm's output
    assertTrue(markdown.contains("## Sample test outputs"), markdown);
    assertTrue(markdown.contains("| 1 | red red | rouge rouge | "), markdown);
    assertTrue(Files.readString(report.resolve("report.html")).contains(Bleu.SIGNATURE));
  }

  private static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }
}
