package org.ablate.examples.talkingheads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built plugin jar, passed to Ablate's own launcher ({@code ./ablate} of the Ablate checkout)
 * with {@code --plugins}, works in every command a user runs: list, explain, run, sweep and schema.
 */
class PluginCliIT {
  private static final Path HOME =
      Path.of(System.getProperty("ablate.home", "../..")).toAbsolutePath().normalize();
  private static final Path JAR = Path.of(System.getProperty("plugin.jar")).toAbsolutePath();
  private static final String CONFIG = "configs/copy-talking-heads.yaml";

  record Out(int code, String text) {}

  private static Out ablate(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(HOME.resolve("ablate").toString()));
    cmd.addAll(List.of(args));
    Path log = Files.createTempFile("ablate", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().remove("ABLATE_PLUGINS");
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    pb.environment().putAll(env);
    Process p = pb.start();
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "ablate " + String.join(" ", args) + " finished");
    String text = Files.readString(log);
    Files.delete(log);
    return new Out(p.exitValue(), text);
  }

  private static Out ablate(String... args) throws Exception {
    return ablate(Map.of(), args);
  }

  @Test
  void listShowsTheComponentAndItsPresetWithTheJar() throws Exception {
    Out out = ablate("list", "--plugins", JAR.toString());
    assertEquals(0, out.code(), out.text());
    assertTrue(
        out.text().matches("(?s).*\\n  talking_heads +" + java.util.regex.Pattern.quote(JAR.toString()) + "\\n.*"),
        out.text());
    assertTrue(out.text().matches("(?s).*\\n  scaled_dot_product +built in\\n.*"), out.text());
    assertTrue(
        out.text().matches("(?s).*transformer-tiny-talking-heads +" + java.util.regex.Pattern.quote(JAR.toString()) + ".*"),
        out.text());
  }

  @Test
  void theEnvironmentVariableLoadsItToo() throws Exception {
    Out out = ablate(Map.of("ABLATE_PLUGINS", JAR.toString()), "list");
    assertEquals(0, out.code(), out.text());
    assertTrue(out.text().contains("talking_heads"), out.text());
  }

  @Test
  void explainBuildsTheModelWithTheComponent() throws Exception {
    Out out = ablate("explain", CONFIG, "--plugins", JAR.toString());
    assertEquals(0, out.code(), out.text());
    assertTrue(
        out.text()
            .matches("(?s).*model\\.attention +talking_heads \\{mix_logits: true, mix_weights: true}\\n.*"),
        out.text());
    assertTrue(out.text().contains("TalkingHeadsAttention(heads=4, d_k=32"), out.text());
    // Ablate's copy-transformer has 671,768 parameters; each of the 6 attention blocks (2 encoder
    // self-attentions, 2 decoder self- and 2 cross-attentions) adds two 4x4 mixes: 6 * 32 = 192.
    assertTrue(out.text().contains("# total parameters: 671,960"), out.text());
  }

  @Test
  void runTrainsAndTestsAFewSteps(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    Out out =
        ablate(
            "run",
            CONFIG,
            "--plugins",
            JAR.toString(),
            "--output-dir",
            run.toString(),
            "--set",
            "training.steps=30",
            "--set",
            "training.eval_every=15",
            "--set",
            "data.dev_size=50",
            "--set",
            "data.test_size=50",
            "--set",
            "eval.dev_decode_size=50");
    assertEquals(0, out.code(), out.text());
    Map<?, ?> results = new ObjectMapper().readValue(run.resolve("results.json").toFile(), Map.class);
    assertEquals(30, ((Number) results.get("steps")).intValue());
    assertTrue(results.get("test_sequence_accuracy") instanceof Number, results.toString());
    String resolved = Files.readString(run.resolve("config.yaml"));
    assertTrue(resolved.contains("  attention:\n    type: talking_heads\n    mix_logits: true\n"), resolved);
    Map<?, ?> provenance =
        new ObjectMapper().readValue(run.resolve("provenance.json").toFile(), Map.class);
    assertTrue(((Map<?, ?>) provenance.get("plugins")).containsKey(JAR.toString()), provenance.toString());
  }

  @Test
  void sweepDryRunExpandsTheAblation(@TempDir Path dir) throws Exception {
    Out out =
        ablate(
            "sweep",
            "configs/sweeps/talking-heads-vs-scaled.yaml",
            "--dry-run",
            "--plugins",
            JAR.toString(),
            "--output-dir",
            dir.resolve("sweep").toString());
    assertEquals(0, out.code(), out.text());
    assertTrue(out.text().contains("talking-heads-vs-scaled: 6 trials"), out.text());
    assertTrue(out.text().contains("attention=talking_heads"), out.text());
  }

  @Test
  void schemaAndReferenceDocumentTheOptions() throws Exception {
    Out reference = ablate("schema", "--reference", "--plugins", JAR.toString());
    assertEquals(0, reference.code(), reference.text());
    assertTrue(reference.text().contains("# --- talking_heads takes options"), reference.text());
    assertTrue(reference.text().contains("mix_weights: true"), reference.text());
    Out schema = ablate("schema", "--plugins", JAR.toString());
    assertEquals(0, schema.code(), schema.text());
    assertTrue(schema.text().contains("\"const\" : \"talking_heads\""), schema.text());
    assertTrue(schema.text().contains("\"mix_logits\""), schema.text());
  }

  @Test
  void aMisspelledOptionGetsTheSameErrorAsABuiltInKey(@TempDir Path dir) throws Exception {
    Out out =
        ablate(
            "explain",
            CONFIG,
            "--plugins",
            JAR.toString(),
            "--set",
            "model.attention={type: talking_heads, mix_weigths: false}");
    assertEquals(2, out.code(), out.text());
    assertTrue(
        out.text().contains("unknown key 'model.attention.mix_weigths'")
            && out.text().contains("did you mean 'mix_weights'")
            && out.text().contains("--set"),
        out.text());
    assertFalse(out.text().contains("\tat "), "no stack trace: " + out.text());
  }

  @Test
  void withoutThePluginTheErrorSaysHowToAddIt() throws Exception {
    Out out = ablate("explain", CONFIG);
    assertEquals(2, out.code(), out.text());
    assertTrue(
        out.text().contains("'talking_heads', which is not a registered attention component")
            && out.text().contains("--plugins"),
        out.text());
    assertFalse(out.text().contains("\tat "), "no stack trace: " + out.text());
  }
}
