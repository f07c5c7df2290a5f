package org.ablate.examples.javaapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ablate.api.Ablate;
import org.ablate.api.RunResult;
import org.ablate.core.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java API example trains its tiny model and reads the results back as objects. */
class TrainCopyModelTest {
  @Test
  void composesTrainsAndReportsMetrics(@TempDir Path dir) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true));
    try {
      TrainCopyModel.main(new String[] {dir.resolve("run").toString()});
    } finally {
      System.setOut(original);
    }
    String out = printed.toString();
    assertTrue(out.contains("steps 400 (completed)"), out);
    assertTrue(out.matches("(?s).*test_sequence_accuracy [01]\\.\\d{4}.*"), out);
    RunResult result = RunResult.read(dir.resolve("run"));
    assertEquals("copy-from-java", result.name());
    assertEquals(400, result.steps());
    // a 64-wide 2+2-layer Transformer learns to copy 3-8 symbols well within 400 steps
    assertTrue(
        result.metric("test_token_accuracy") > 0.5, "token accuracy " + result.metric("test_token_accuracy"));
    assertTrue(Files.readString(dir.resolve("run/config.yaml")).contains("preset: transformer-tiny"));
  }

  @Test
  void aMisspelledKeyIsAConfigErrorNamingTheCall() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> Ablate.create().config().preset("transformer-tiny").set("model.d_modle", 64).build());
    assertTrue(
        e.getMessage().contains("ConfigBuilder.set(\"model.d_modle\")")
            && e.getMessage().contains("did you mean 'd_model'"),
        e.getMessage());
  }
}
