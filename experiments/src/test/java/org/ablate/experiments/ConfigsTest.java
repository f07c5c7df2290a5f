package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ablate.experiments.config.ConfigLoader;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.experiments.config.Presets;
import org.ablate.experiments.run.Assembly;
import org.ablate.experiments.run.Injection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every experiment file under configs/ loads, validates and builds its graph. */
class ConfigsTest {
  static Stream<Path> experiments() throws Exception {
    Path configs = Repo.root().resolve("configs");
    try (Stream<Path> files = Files.list(configs)) {
      return files
          .filter(
              p ->
                  p.toString().endsWith(".yaml")
                      && !p.getFileName().toString().equals("reference.yaml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("experiments")
  void loadsAndBuildsItsGraph(Path file) {
    Injection injection = new Injection();
    ExperimentConfig config =
        new ConfigLoader(new Presets(), injection.slotNames()).load(List.of(file), List.of());
    try (Assembly assembly = Assembly.build(config, injection, null)) {
      assertTrue(assembly.parameterCount() > 0);
      assertTrue(!assembly.losses.isEmpty());
    }
  }
}
