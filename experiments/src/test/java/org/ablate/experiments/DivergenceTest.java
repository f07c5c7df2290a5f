package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ablate.training.io.JsonFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A non-finite loss at any step, the first and the last included, or a non-finite dev metric stops
 * training with a message naming the last good checkpoint, and a NaN is never selected as best. The
 * faults come from a plugin built for the test: a feed-forward block whose output is NaN, and an
 * optimizer ({@code poison}) that does plain SGD but turns every weight into NaN at step {@code
 * at}, so the loss of the next step is NaN.
 */
class DivergenceTest {
  @TempDir static Path shared;
  static Path plugin;
  static Path config;

  @BeforeAll
  static void buildThePlugin() throws Exception {
    String nan =
        "package demo;\n"
            + "public final class NanFeedForward extends"
            + " org.ablate.layers.feedforward.FeedForward {\n"
            + "  public NanFeedForward(String name) { super(name); }\n"
            + "  @Override public org.tensorflow.Operand<org.tensorflow.types.TFloat32> call("
            + "org.ablate.core.graph.CallScope cs,"
            + " org.tensorflow.Operand<org.tensorflow.types.TFloat32> x) {\n"
            + "    return cs.tf().math.mul(x, cs.tf().constant(Float.NaN));\n"
            + "  }\n"
            + "}\n";
    String poison =
        "package demo;\n"
            + "public record Poison(double lr, long at) implements"
            + " org.ablate.training.config.OptimizerConfig {}\n";
    String rule =
        "package demo;\n"
            + "import org.ablate.training.graph.UpdateRule;\n"
            + "public final class PoisonRule implements UpdateRule {\n"
            + "  private final long at;\n"
            + "  public PoisonRule(Poison c) { this.at = c.at(); }\n"
            + "  @Override public java.util.List<StepScalar> stepScalars() {\n"
            + "    return java.util.List.of(new StepScalar(\"keep\", s -> s == at ? Double.NaN :"
            + " 1.0));\n"
            + "  }\n"
            + "  @Override public org.tensorflow.op.Op update(UpdateContext ctx,"
            + " org.ablate.core.graph.Param w,"
            + " org.tensorflow.Operand<org.tensorflow.types.TFloat32> g) {\n"
            + "    var tf = ctx.tf();\n"
            + "    return ctx.after().assign(w.variable(), tf.math.sub(tf.math.mul(w.variable(),"
            + " ctx.scalar(\"keep\")), tf.math.mul(ctx.learningRate(), g)));\n"
            + "  }\n"
            + "}\n";
    String register =
        "org.ablate.core.registry.Components.register(binder(),"
            + " org.ablate.layers.feedforward.FeedForward.SLOT, \"nan\","
            + " org.ablate.core.config.NoOptions.class, (n, s, c) -> new NanFeedForward(n));\n"
            + "org.ablate.core.registry.Components.register(binder(),"
            + " org.ablate.training.config.OptimizerConfig.SLOT, \"poison\", Poison.class,"
            + " (n, none, c) -> new PoisonRule(c));";
    plugin =
        PluginJars.jar(
            shared.resolve("faults.jar"),
            Map.of(
                "NanFeedForward",
                nan,
                "Poison",
                poison,
                "PoisonRule",
                rule,
                "FaultsModule",
                PluginJars.module("FaultsModule", register)),
            PluginJars.services("demo.FaultsModule"));
    config =
        Files.writeString(
            shared.resolve("exp.yaml"),
            """
            name: diverging
            seed: 3
            data: {type: synthetic, task: copy, vocab: 8, min_length: 3, max_length: 8, dev_size: 20, test_size: 20}
            model: {type: transformer, d_model: 16, heads: 2, d_ff: 32, encoder_layers: 1, decoder_layers: 1, max_length: 16}
            training:
              steps: 8
              batch_size: 8
              optimizer: {type: poison, lr: 0.01, at: 1000}
              schedule: {type: constant}
              eval_every: 4
              checkpoint_every: 1
              select_by: dev_loss
            """);
  }

  /** Trains with {@code sets}; asserts a divergence failure and returns its message. */
  private static String diverges(Path run, String... sets) {
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "run",
                config.toString(),
                "--plugins",
                plugin.toString(),
                "--output",
                run.toString()));
    for (String s : sets) {
      args.add("--set");
      args.add(s);
    }
    CliTest.Run r = CliTest.cli(args.toArray(String[]::new));
    assertEquals(1, r.code(), r.out() + r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(Files.exists(run.resolve("results.json")), "a diverged run has no results");
    return r.err();
  }

  private static long bestStep(Path run) throws Exception {
    return JsonFiles.number(
            JsonFiles.readObject(run.resolve("checkpoints/best/manifest.json")), "step")
        .longValue();
  }

  @Test
  void aNanLossAtTheFirstStepStopsTraining(@TempDir Path dir) {
    String e = diverges(dir.resolve("run"), "model.feed_forward=nan");
    assertTrue(e.contains("training diverged at step 1:"), e);
    assertTrue(e.contains("No checkpoint had been written yet."), e);
  }

  @Test
  void aNanLossInTheMiddleNamesTheCheckpointBeforeTheWeightsThatCausedIt(@TempDir Path dir)
      throws Exception {
    Path run = dir.resolve("run");
    String e = diverges(run, "training.optimizer.at=5");
    // the weights saved at step 5 are NaN (they gave step 6 its NaN loss): step 4 is the last good
    assertTrue(e.contains("training diverged at step 6:"), e);
    assertTrue(e.contains("The last good checkpoint (step 4)"), e);
    assertEquals(4, bestStep(run));
  }

  @Test
  void aNanLossAtTheLastStepStopsTraining(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    String e = diverges(run, "training.optimizer.at=7");
    assertTrue(e.contains("training diverged at step 8:"), e);
    assertTrue(e.contains("The last good checkpoint (step 6)"), e);
    assertEquals(4, bestStep(run));
  }

  @Test
  void aNanDevMetricStopsTrainingAndIsNeverSelectedAsBest(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    // the update of the last step poisons the weights that the final dev evaluation reads
    String e = diverges(run, "training.optimizer.at=8");
    assertTrue(e.contains("training diverged at step 8:"), e);
    assertTrue(e.contains("the dev metric dev_"), e);
    assertTrue(e.contains("The last good checkpoint (step 7)"), e);
    assertEquals(4, bestStep(run), "the NaN evaluation at step 8 was not selected");
  }
}
