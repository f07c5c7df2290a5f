package org.ablate.examples.javaapi;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ablate.api.Ablate;
import org.ablate.api.RunResult;
import org.ablate.experiments.config.ExperimentConfig;

/**
 * Ablate from Java: composes an experiment in code (a preset, YAML text and key/value overrides),
 * trains a tiny Transformer on the synthetic copy task, and prints its metrics.
 *
 * <pre>
 * mvn -q compile exec:java                       # a run folder under target/
 * mvn -q compile exec:java -Dexec.args=DIR       # or in DIR (which must not hold a run yet)
 * </pre>
 */
public final class TrainCopyModel {
  private TrainCopyModel() {}

  public static void main(String[] args) throws Exception {
    Path dir =
        args.length > 0
            ? Path.of(args[0])
            : Files.createTempDirectory(Path.of("target"), "copy-run-").resolve("run");
    RunResult result = train(Ablate.create(), dir);
    System.out.println("run folder: " + result.directory());
    System.out.printf(
        "steps %d (%s), %,d parameters%n",
        result.steps(), result.stopReason(), result.parameters());
    for (String metric : new String[] {"test_loss", "test_token_accuracy", "test_sequence_accuracy"}) {
      System.out.printf("%s %.4f%n", metric, result.metric(metric));
    }
  }

  /** Composes the experiment and trains it in {@code dir}. */
  static RunResult train(Ablate ablate, Path dir) {
    ExperimentConfig config =
        ablate
            .config()
            .preset("transformer-tiny")
            .yaml(
                """
                name: copy-from-java
                data: {type: synthetic, task: copy, vocab: 10, min_length: 3, max_length: 8,
                       dev_size: 100, test_size: 100}
                training:
                  optimizer: {type: adam, lr: 2.0e-3}
                  schedule: {type: cosine, warmup: 50}
                  label_smoothing: 0.0
                  select_by: dev_sequence_accuracy
                """)
            .set("model.d_model", 64)
            .set("model.d_ff", 128)
            .set("model.dropout", 0.0)
            .set("model.max_length", 16)
            .set("training.steps", 400)
            .set("training.eval_every", 200)
            .build();
    return ablate.run(config, dir);
  }
}
