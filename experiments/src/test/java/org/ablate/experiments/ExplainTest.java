package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code ./ablate explain} works for every experiment under configs/. */
class ExplainTest {
  static java.util.stream.Stream<Path> experiments() throws Exception {
    return ConfigsTest.experiments();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("experiments")
  void explainsEveryConfig(Path file) throws Exception {
    List<String> args = new ArrayList<>(List.of("explain", file.toString()));
    Repo.testData(file).forEach(set -> args.addAll(List.of("--set", set)));
    CliTest.Run run = CliTest.cli(args.toArray(String[]::new));
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("# resolved config"), run.out());
    assertTrue(run.out().contains("# module tree"), run.out());
    assertTrue(run.out().matches("(?s).*# total parameters: [0-9,]+.*"), run.out());
    boolean auto = run.out().contains("precision: auto\n");
    assertEquals(
        auto,
        run.out().contains("# precision on this machine\nprecision: auto -> "),
        "an auto precision is explained as this machine settles it");
  }
}
