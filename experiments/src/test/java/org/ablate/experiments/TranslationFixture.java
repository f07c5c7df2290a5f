package org.ablate.experiments;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A translation run trained in seconds: two-word colour phrases, English to French, a character
 * Transformer; and the {@code translate} command run on it.
 */
final class TranslationFixture {
  private TranslationFixture() {}

  /** Trains the run into {@code dir/run}, its corpus in {@code dir/corpus}. */
  static void train(Path dir) throws Exception {
    Path corpus = dir.resolve("corpus");
    Files.createDirectories(corpus);
    StringBuilder pairs = new StringBuilder();
    String[][] words = {
      {"red", "rouge"}, {"blue", "bleu"}, {"green", "vert"}, {"black", "noir"}, {"white", "blanc"}
    };
    for (String[] a : words) {
      for (String[] b : words) {
        pairs
            .append(a[0])
            .append(' ')
            .append(b[0])
            .append('\t')
            .append(a[1])
            .append(' ')
            .append(b[1])
            .append('\n');
      }
    }
    for (String split : List.of("train", "dev", "test")) {
      Files.writeString(corpus.resolve(split + ".tsv"), pairs.toString());
    }
    String yaml =
        """
        name: words
        data: {type: translation, corpus: %s, tokenizer: {type: char}, max_length: 24, buckets: [16, 24]}
        model: {type: transformer, d_model: 32, heads: 4, d_ff: 64, encoder_layers: 1, decoder_layers: 1, dropout: 0.0}
        training: {steps: 300, batch_size: 25, eval_every: 300, optimizer: {type: adam, lr: 3.0e-3}, label_smoothing: 0.0, select_by: dev_bleu}
        """
            .formatted(corpus);
    EndToEndTest.run(yaml, dir, List.of());
  }

  static CliTest.Run translate(Path dir, String input, String beam, String... more) {
    var out = new java.io.ByteArrayOutputStream();
    var err = new java.io.ByteArrayOutputStream();
    var stdin = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
    int code =
        org.ablate.experiments.cli.Main.run(
            java.util.stream.Stream.concat(
                    java.util.stream.Stream.of(
                        "translate", "--run", dir.resolve("run").toString(), "--beam", beam),
                    java.util.Arrays.stream(more))
                .toArray(String[]::new),
            new java.io.PrintStream(out),
            new java.io.PrintStream(err),
            stdin);
    return new CliTest.Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
  }
}
