package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code ./ablate explain} works for every experiment under configs/. */
class ExplainTest {
  static java.util.stream.Stream<Path> experiments() throws Exception {
    return ConfigsTest.experiments();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("experiments")
  void explainsEveryConfig(Path file) {
    CliTest.Run run = CliTest.cli("explain", file.toString());
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("# resolved config"), run.out());
    assertTrue(run.out().contains("# module tree"), run.out());
    assertTrue(run.out().matches("(?s).*# total parameters: [0-9,]+.*"), run.out());
  }
}
