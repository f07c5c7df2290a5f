package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken inputs get one clear message naming the file, key or flag, a non-zero exit and no stack
 * trace: the cases found when the command line was tried with a corpus of broken inputs.
 */
class BrokenInputTest {
  private static final String COPY =
      Repo.root().resolve("configs/copy-transformer.yaml").toString();

  /** Runs the command line; asserts the exit code and a clean message; returns standard error. */
  private static String fails(int code, String... args) {
    CliTest.Run run = CliTest.cli(args);
    assertEquals(code, run.code(), run.out() + run.err());
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    assertFalse(run.err().contains("internal error"), run.err());
    assertFalse(run.err().contains("com.fasterxml"), "no Jackson internals: " + run.err());
    return run.err();
  }

  @Test
  void numbersMustBeFiniteAndInRange() {
    String[][] cases = {
      {"training.optimizer.lr=.inf", "expected a finite number"},
      {"training.optimizer.lr=1e400", "expected a finite number"},
      {"training.optimizer.weight_decay=.inf", "is a key of optimizer type adamw"},
      {"training.max_minutes=-1", "'training.max_minutes' is -1"},
      {"training.max_minutes=.nan", "a finite number"},
      {"eval.decode.length_penalty=.inf", "a finite number"},
      {"model.d_ff=2147483647", "it must be between 1 and 4194304"},
      {"model.d_ff=-.inf", "expected a finite whole number"},
      {"model.encoder_layers=1000000", "between 0 and 1000"},
      {"model.d_model=1e9", "between 1 and 1048576"},
      {"model.d_model=99999999999", "too large for this key"},
      {"data.test_lengths=[0]", "data.test_lengths[0]=0 must lie between 1 and 100000"},
      {"data.test_lengths=[40, 40]", "lists 40 twice"},
      {"data.test_lengths=[a]", "'data.test_lengths[0]' is 'a' (text); expected a whole number"},
      {"data.test_lengths=[100]", "raise model.max_length to at least 101"},
      {
        "model.multi_head={type: standard, qk_norm: true}", "expected one of [none, layer_norm, l2]"
      },
      {"model.multi_head={type: standard, qk_norm: l2, qk_scale: 0}", "qk_scale"},
      {"cluster={ps: [], worker: [h:1]}", "cluster.ps must list at least one"},
      {"cluster={ps: [h:1], worker: [h:2, h:1]}", "is the address of another task too"},
    };
    for (String[] c : cases) {
      String e = fails(2, "explain", COPY, "--set", c[0]);
      assertTrue(e.contains(c[1]), c[0] + " -> " + e);
    }
  }

  @Test
  void aModelTooLargeForTheMachineIsRefusedBeforeItsGraphIsBuilt() {
    String e =
        fails(
            2,
            "explain",
            COPY,
            "--set",
            "data.vocab=100000",
            "--set",
            "model.d_model=262144",
            "--set",
            "model.heads=1");
    assertTrue(e.contains("is too large for this machine") && e.contains("parameters"), e);
  }

  @Test
  void componentsRefusingTheirSizesOrTheirModelNameTheKey() {
    String odd =
        fails(
            2,
            "explain",
            COPY,
            "--set",
            "model.positional_encoding=rotary",
            "--set",
            "model.d_model=6",
            "--set",
            "model.heads=2");
    assertTrue(
        odd.contains("model.positional_encoding=rotary cannot be built")
            && odd.contains("must be even"),
        odd);
    String vit =
        fails(
            2,
            "explain",
            Repo.root().resolve("configs/fashion-vit.yaml").toString(),
            "--set",
            "model.positional_encoding=rotary");
    assertTrue(vit.contains("model.positional_encoding=rotary") && vit.contains("2-D grid"), vit);
  }

  @Test
  void flagsAreExactAndValuesPresent() {
    assertTrue(fails(2, "run", COPY, "--resum").contains("Unrecognized option: --resum"));
    assertTrue(fails(2, "run", COPY, "--set", "name=").contains("--set name= gives no value"));
    assertTrue(fails(2, "explain", COPY, "--set", "name=\"\"").contains("'name' is empty"));
    assertTrue(fails(2, "run", COPY, "--output", "").contains("--output is empty"));
    assertTrue(
        fails(2, "run", COPY, "--output", "a", "--output-dir", "b")
            .contains("both name the output"));
    assertTrue(
        fails(2, "run", COPY, "--output", "a", "--output", "b")
            .contains("--output is given more than once"));
  }

  @Test
  void pathsThatAreNotConfigFilesAreNamedForWhatTheyAre(@TempDir Path dir) throws Exception {
    assertTrue(fails(2, "explain", dir.toString()).contains("is a folder"));
    assertTrue(fails(2, "explain", dir.resolve("none.yaml").toString()).contains("does not exist"));
    Path fifo = dir.resolve("pipe.yaml");
    new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
    assertTrue(fails(2, "explain", fifo.toString()).contains("is not a regular file"));
    Path empty = Files.writeString(dir.resolve("empty.yaml"), "\n# only a comment\n");
    assertTrue(fails(2, "explain", empty.toString()).contains("empty.yaml is empty"));
    Path latin1 = dir.resolve("latin1.yaml");
    Files.write(latin1, "name: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertTrue(fails(2, "explain", latin1.toString()).contains("is not UTF-8 text"));
    Path recursive = Files.writeString(dir.resolve("loop.yaml"), "name: x\nmodel: &m {a: *m}\n");
    assertTrue(fails(2, "explain", recursive.toString()).contains("refers to itself"));
    Path nested =
        Files.writeString(dir.resolve("deep.yaml"), "name: " + "[".repeat(200_000) + "\n");
    assertTrue(fails(2, "explain", nested.toString()).contains("nested more than 64 deep"));
    Path binary = Files.writeString(dir.resolve("bin.yaml"), "name: !!binary aGk=\n");
    assertTrue(fails(2, "explain", binary.toString()).contains("has the YAML tag"));
  }

  @Test
  void sweepAndExperimentFilesAreNotMistakenForEachOther() {
    String sweep = Repo.root().resolve("configs/sweeps/ablate-transformer-copy.yaml").toString();
    String e = fails(2, "run", sweep);
    assertTrue(e.contains("is a sweep file") && e.contains("./ablate sweep"), e);
    e = fails(2, "sweep", COPY, "--dry-run");
    assertTrue(e.contains("is an experiment file, not a sweep") && e.contains("./ablate run"), e);
  }

  @Test
  void brokenSweepDimensionsAreNamedBeforeAnythingRuns(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("base.yaml"), EndToEndTest.TINY_COPY);
    String[][] cases = {
      {"paired: [{}]", "paired group 1 names no keys"},
      {"paired: [{model.d_ff: []}]", "paired key model.d_ff lists no values"},
      {"random: {trials: 2, space: {model.d_ff: {int_uniform: [64, 8]}}}", "low is above high"},
      {"random: {trials: 2, space: {model.d_ff: {choice: []}}}", "lists no values to choose from"},
      {
        "random: {trials: 2, space: {training.optimizer.lr: {log_uniform: [0, 1]}}}",
        "needs a low above 0"
      },
      {"random: {trials: 2, space: {model.d_ff: {int_uniform: [8]}}}", "needs two finite numbers"},
      {"seeds: []", "seeds lists no seeds"},
      {"grid: {model.d_ff: []}", "grid key model.d_ff lists no values"},
      {
        "random: {trials: 1000000, space: {model.d_ff: {int_uniform: [8, 64]}}}",
        "1,000,000 trials, more than the 10,000"
      },
    };
    for (String[] c : cases) {
      Path sweep =
          Files.writeString(dir.resolve("s.yaml"), "name: s\nbase: [base.yaml]\n" + c[0] + "\n");
      long start = System.nanoTime();
      String e = fails(2, "sweep", sweep.toString(), "--dry-run");
      assertTrue(e.contains("s.yaml:") && e.contains(c[1]), c[0] + " -> " + e);
      assertTrue(System.nanoTime() - start < 30_000_000_000L, "refused before expanding: " + c[0]);
    }
  }

  @Test
  void aKeyOfAnotherOptimizerTypeSaysWhichTypeHasIt() {
    String e = fails(2, "explain", COPY, "--set", "training.optimizer.weight_decay=0.1");
    assertTrue(
        e.contains("'training.optimizer.weight_decay' is a key of optimizer type adamw")
            && e.contains("set training.optimizer.type: adamw"),
        e);
    assertFalse(e.contains("did you mean 'training.optimizer.weight_decay'"), e);
  }

  @Test
  void versionAndHelp() {
    CliTest.Run version = CliTest.cli("--version");
    assertEquals(0, version.code());
    assertTrue(version.out().startsWith("ablate "), version.out());
    CliTest.Run help = CliTest.cli("eval", "--help");
    assertTrue(help.out().contains("./ablate eval RUN"), help.out());
  }
}
