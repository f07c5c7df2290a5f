package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.ablate.experiments.config.ConfigLoader;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.experiments.run.Assembly;
import org.ablate.experiments.run.Injection;
import org.ablate.training.config.OptimizerConfig;
import org.ablate.training.graph.Optimizer;
import org.ablate.training.loop.LocalSteps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Session;

/**
 * Every experiment file under configs/ loads, validates and builds its graph, and what a user sees
 * of it stays as recorded in {@code src/test/resources/shipped/}: its resolved config (byte for
 * byte), its parameter count, and the losses of its first three training steps (on the test's own
 * Fashion-MNIST files where the experiment reads Fashion-MNIST). Losses may differ in the last bits
 * between CPU types, so they are compared to a relative 1e-5. Run with {@code
 * -Dablate.shipped.write=true} to record them. The losses are computed in float32, whatever the
 * file's {@code training.precision}, so that {@code auto} gives the same figures on every CPU.
 *
 * <p>The RNN translation models' gradient graphs (unrolled over every length bucket) take about a
 * minute each to build, so their losses are checked only with {@code -Dablate.shipped.all=true};
 * their resolved configs and parameter counts are always checked.
 */
class ShippedConfigsTest {
  private static final int STEPS = 3;
  private static final boolean WRITE = Boolean.getBoolean("ablate.shipped.write");
  private static final boolean ALL = WRITE || Boolean.getBoolean("ablate.shipped.all");

  static Stream<Path> experiments() throws Exception {
    return ConfigsTest.experiments();
  }

  private static Path golden(Path experiment, String suffix) {
    String name = experiment.getFileName().toString().replace(".yaml", suffix);
    return Repo.root().resolve("experiments/src/test/resources/shipped").resolve(name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("experiments")
  void resolvedConfigParametersAndFirstLossesAreUnchanged(Path file) throws Exception {
    Injection injection = Tests.injection();
    ConfigLoader loader = Tests.loader();
    String resolved = loader.resolvedYaml(loader.load(List.of(file), List.of()));
    // losses in float32 on every machine: precision auto would take bfloat16 where the CPU has it
    List<String> overrides = new ArrayList<>(Repo.testData(file));
    overrides.add("training.precision=float32");
    ExperimentConfig config = loader.load(List.of(file), overrides);
    List<String> lines = new ArrayList<>();
    try (Assembly assembly = Assembly.build(config, injection, null);
        Session session = new Session(assembly.graph)) {
      assertTrue(!assembly.losses.isEmpty(), "the task builds its losses");
      lines.add("parameters " + assembly.parameterCount());
      if (!ALL && file.getFileName().toString().matches("mt-(gru|lstm).*")) {
        assertEquals(Files.readAllLines(golden(file, ".steps.txt")).get(0), lines.get(0));
        assertEquals(Files.readString(golden(file, ".resolved.yaml")), resolved);
        return;
      }
      Optimizer optimizer =
          new Optimizer(
              assembly.context,
              assembly.context.parameters(),
              injection.registry().make(OptimizerConfig.SLOT, config.training().optimizer(), null),
              config.training().clipNorm(),
              config.training().accumulate() > 1,
              config.training().emaDecay());
      session.initialize();
      try (LocalSteps steps =
          new LocalSteps(
              session,
              assembly.context,
              assembly.task,
              assembly.losses,
              optimizer,
              config.training().accumulate())) {
        for (int step = 1; step <= STEPS; step++) {
          try (Optimizer.StepInputs inputs =
              optimizer.stepInputs(step, config.training().optimizer().lr())) {
            lines.add(String.format(Locale.ROOT, "loss %.9e", steps.run(step, inputs).loss()));
          }
        }
      }
    }
    if (WRITE) {
      Files.writeString(golden(file, ".resolved.yaml"), resolved);
      Files.writeString(golden(file, ".steps.txt"), String.join("\n", lines) + "\n");
    }
    assertEquals(Files.readString(golden(file, ".resolved.yaml")), resolved, "resolved config");
    List<String> expected = Files.readAllLines(golden(file, ".steps.txt"));
    assertEquals(expected.get(0), lines.get(0), "parameter count");
    assertEquals(expected.size(), lines.size());
    for (int i = 1; i < expected.size(); i++) {
      double want = Double.parseDouble(expected.get(i).substring(5));
      double got = Double.parseDouble(lines.get(i).substring(5));
      assertTrue(
          Math.abs(got - want) <= 1e-5 * Math.abs(want),
          "step " + i + " loss " + got + ", recorded " + want);
    }
  }
}
