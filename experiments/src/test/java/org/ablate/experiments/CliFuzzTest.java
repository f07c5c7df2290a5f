package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ablate.core.config.ConfigTree;
import org.ablate.experiments.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random broken command lines: commands with misspelled, unknown, valueless or bad flags; {@code
 * --set} of every config key to values no key accepts; mutated sweep files; run folders with a file
 * deleted, truncated or overwritten. Each case must end within a bound, and either succeed (a
 * mutation that happened to be valid) or exit non-zero with a message and no stack trace; a
 * finished run is left byte-identical throughout, and a failed command creates no output.
 *
 * <p>The cases are drawn from a fixed seed; {@code -Dablate.fuzz.seed=N -Dablate.fuzz.cases=M}
 * draws others. A failure names the seed, the case number and its command line.
 */
class CliFuzzTest {
  private static final long SEED = Long.getLong("ablate.fuzz.seed", 20261202L);
  private static final int CASES = Integer.getInteger("ablate.fuzz.cases", 120);
  private static final long BOUND_SECONDS = 180;

  /** Values no config key accepts: malformed YAML, non-finite or unrepresentable numbers. */
  private static final List<String> NEVER_VALID =
      List.of(
          ".inf",
          "-.inf",
          ".nan",
          "1e400",
          "-1e400",
          "99999999999999999999999",
          "[1, 2",
          "{a: 1",
          "!!binary aGk=",
          "*nowhere",
          "[]",
          "{}",
          "'unclosed",
          "1.5.2",
          "\u0000",
          "x".repeat(5000));

  /** Values some keys accept and others refuse. */
  private static final List<String> SOMETIMES_VALID =
      List.of("-1", "0", "1e9", "2147483648", "0.5", "abc", "true", "null", "-0.0", "1e-300");

  @TempDir static Path shared;
  static Path config;
  static Path finished;
  static Map<String, String> pristine;
  static List<String> numericKeys = new ArrayList<>();
  static List<String> allKeys = new ArrayList<>();
  static Map<String, List<String>> flags = new LinkedHashMap<>();
  static ExecutorService executor = Executors.newSingleThreadExecutor();

  @BeforeAll
  static void trainOnceAndReadTheCommandLine() throws Exception {
    config = Files.writeString(shared.resolve("quick.yaml"), FinishedRunTest.QUICK);
    finished = shared.resolve("finished");
    CliTest.Run run = CliTest.cli("run", config.toString(), "--output", finished.toString());
    assertEquals(0, run.code(), run.err());
    pristine = Snapshot.of(finished);
    keys("", ConfigTree.load(finished.resolve("config.yaml")).root());
    Pattern flag = Pattern.compile("--[a-z][a-z-]+");
    for (String command : List.of("run", "sweep", "eval", "translate", "explain", "export")) {
      Matcher m = flag.matcher(CliTest.cli(command, "--help").out());
      List<String> names = new ArrayList<>();
      while (m.find()) {
        if (!names.contains(m.group()) && !m.group().equals("--help")) {
          names.add(m.group());
        }
      }
      flags.put(command, names);
    }
  }

  @AfterAll
  static void stop() {
    executor.shutdownNow();
  }

  private static void keys(String prefix, Object node) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> keys(prefix.isEmpty() ? k.toString() : prefix + "." + k, v));
      return;
    }
    allKeys.add(prefix);
    if (node instanceof Number) {
      numericKeys.add(prefix);
    }
  }

  /** A command line to try, what it reads on standard input and whether it must fail. */
  record Case(List<String> args, String stdin, boolean mustFail, Path mustNotExist, String note) {
    Case(List<String> args, String stdin, boolean mustFail, Path mustNotExist) {
      this(args, stdin, mustFail, mustNotExist, "");
    }
  }

  @Test
  void randomBrokenCommandLinesFailCleanlyAndLeaveAFinishedRunAlone() throws Exception {
    Random random = new Random(SEED);
    int failed = 0;
    for (int i = 0; i < CASES; i++) {
      Path work = Files.createDirectories(shared.resolve("case-" + i));
      Case c = draw(random, work);
      String id =
          "seed " + SEED + " case " + i + ": " + c.note() + "ablate " + String.join(" ", c.args());
      CliTest.Run outcome = runBounded(c, id);
      String err = outcome.err();
      if (Boolean.getBoolean("ablate.fuzz.verbose")) {
        System.out.println(
            id + "  -> " + outcome.code() + " " + err.lines().findFirst().orElse(""));
      }
      assertFalse(err.contains("\tat "), id + "\nno stack trace:\n" + err);
      assertFalse(err.contains("internal error"), id + "\n" + err);
      assertFalse(err.contains("com.fasterxml"), id + "\nno Jackson internals:\n" + err);
      assertFalse(err.contains("org.tensorflow"), id + "\nno TensorFlow internals:\n" + err);
      if (outcome.code() != 0) {
        failed++;
        assertTrue(outcome.code() > 0, id);
        assertFalse(err.isBlank(), id + "\na failure says why");
        if (c.mustNotExist() != null) {
          assertFalse(Files.exists(c.mustNotExist()), id + "\na failed command leaves nothing");
        }
      } else {
        assertFalse(c.mustFail(), id + "\nshould have failed:\n" + outcome.out() + err);
      }
      assertEquals(pristine, Snapshot.of(finished), id + "\nthe finished run changed");
      TestFiles.deleteTree(work);
    }
    System.out.printf(
        "CLI fuzz (seed %d): %d cases, %d refused with a message, %d valid%n",
        SEED, CASES, failed, CASES - failed);
    assertTrue(failed > CASES / 2, "most drawn cases are broken: " + failed + " of " + CASES);
  }

  private static CliTest.Run runBounded(Case c, String id) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Future<Integer> code =
        executor.submit(
            () ->
                Main.run(
                    c.args().toArray(String[]::new),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    new ByteArrayInputStream(c.stdin().getBytes(StandardCharsets.UTF_8))));
    try {
      return new CliTest.Run(
          code.get(BOUND_SECONDS, TimeUnit.SECONDS),
          out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } catch (TimeoutException e) {
      code.cancel(true);
      fail(id + "\nstill running after " + BOUND_SECONDS + " s:\n" + err);
      throw e;
    }
  }

  private static Case draw(Random random, Path work) throws Exception {
    return switch (random.nextInt(6)) {
      case 0 -> badSetValue(random, work);
      case 1 -> badFlag(random, work);
      case 2 -> mutatedSweep(random, work);
      case 3, 4 -> corruptedRun(random, work);
      default -> aimedAtTheFinishedRun(random, work);
    };
  }

  private static <T> T pick(Random random, List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  /** {@code explain} or {@code run} with one key set to a value it cannot take. */
  private static Case badSetValue(Random random, Path work) {
    boolean never = random.nextInt(3) > 0;
    String key = never ? pick(random, numericKeys) : pick(random, allKeys);
    String value = pick(random, never ? NEVER_VALID : SOMETIMES_VALID);
    if (random.nextInt(4) == 0) {
      key = misspell(random, key);
      never = true;
    }
    Path out = work.resolve("run");
    // only values no key takes go to run: a valid one could ask for a long training
    List<String> args =
        !never || random.nextBoolean()
            ? List.of("explain", config.toString(), "--set", key + "=" + value)
            : List.of(
                "run",
                config.toString(),
                "--output",
                out.toString(),
                "--set",
                "training.steps=2",
                "--set",
                key + "=" + value);
    return new Case(args, "", never, never ? out : null);
  }

  /** A real command with a flag misspelled, unknown, without its value, or given a bad value. */
  private static Case badFlag(Random random, Path work) {
    String command = pick(random, List.copyOf(flags.keySet()));
    List<String> args = new ArrayList<>(List.of(command));
    args.add(
        command.equals("run") || command.equals("sweep") || command.equals("explain")
            ? config.toString()
            : finished.toString());
    Path out = work.resolve("out");
    String flag = pick(random, flags.get(command));
    switch (random.nextInt(5)) {
      case 0 -> args.add(misspell(random, flag));
      case 1 -> args.add("--" + pick(random, List.of("frobnicate", "resume-all", "outputs", "x")));
      case 2 -> {
        args.add(pick(random, List.of("--output", "--set", "--run", "--split", "--beam")));
        args.add(pick(random, List.of("", "=", "--", " ")));
      }
      case 3 -> {
        args.add(pick(random, List.of("--beam", "--nbest", "--parallel", "--status-every")));
        args.add(pick(random, List.of("0", "-1", "abc", "1e400", "99999999999", "NaN")));
      }
      default -> {
        args.add(pick(random, List.of("--split", "--format", "--shard")));
        args.add(pick(random, List.of("bogus", "3/2", "0/0", "", "-1/2", "zip")));
      }
    }
    if (List.of("run", "sweep", "export").contains(command)) {
      args.add("--output");
      args.add(out.toString());
    }
    return new Case(args, "1 2 3\n", true, out);
  }

  /** A small valid sweep, mutated in its text, run with --dry-run so nothing trains. */
  private static Case mutatedSweep(Random random, Path work) throws Exception {
    Files.copy(config, work.resolve("base.yaml"));
    String text =
        """
        name: fuzz
        base: [base.yaml]
        seeds: [1, 2]
        grid:
          model.d_ff: [16, 32]
          training.optimizer.lr: [1.0e-3, 3.0e-3]
        """;
    int mutations = 1 + random.nextInt(3);
    for (int m = 0; m < mutations; m++) {
      text = mutate(random, text);
    }
    Path sweep = Files.writeString(work.resolve("sweep.yaml"), text);
    Path out = work.resolve("sweeps");
    return new Case(
        List.of("sweep", sweep.toString(), "--dry-run", "--output", out.toString()),
        "",
        false,
        out);
  }

  private static String mutate(Random random, String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int at = random.nextInt(lines.size());
    String line = lines.get(at);
    switch (random.nextInt(7)) {
      case 0 -> lines.remove(at);
      case 1 -> lines.add(at, line);
      case 2 -> lines.set(at, line.replaceAll("[0-9.e-]+", pick(random, NEVER_VALID)));
      case 3 ->
          lines.set(at, line.isEmpty() ? "]" : line.substring(0, random.nextInt(line.length())));
      case 4 -> lines.set(at, "  " + line);
      case 5 -> lines.set(at, line.replace(":", pick(random, List.of("", "::", ": &a *a", ": ["))));
      default ->
          lines.add(
              at,
              pick(
                  random,
                  List.of(
                      "random: {trials: 0}",
                      "seeds: []",
                      "grid: {}",
                      "paired: [{}]",
                      "base: [nowhere.yaml]",
                      "name: ''",
                      "grid: {model.nope: [1]}")));
    }
    return String.join("\n", lines);
  }

  /** A copy of the finished run with one file deleted, emptied, cut short or overwritten. */
  private static Case corruptedRun(Random random, Path work) throws Exception {
    Path copy = work.resolve("copy");
    TestFiles.copyTree(finished, copy);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(copy)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    Path victim = pick(random, files);
    byte[] bytes = Files.readAllBytes(victim);
    int how = random.nextInt(6);
    switch (how) {
      case 0 -> Files.delete(victim);
      case 1 -> Files.write(victim, new byte[0]);
      case 2 -> Files.write(victim, java.util.Arrays.copyOf(bytes, bytes.length / 2));
      case 3 -> {
        byte[] noise = new byte[Math.max(1, bytes.length)];
        random.nextBytes(noise);
        Files.write(victim, noise);
      }
      case 4 -> Files.writeString(victim, "{\"not\": [\"what it was\"");
      default ->
          Files.writeString(
              victim,
              pick(random, List.of("[1, 2]", "{\"step\": \"x\", \"files\": 3, \"seed\": []}")));
    }
    Path out = work.resolve("exported");
    List<String> args =
        switch (random.nextInt(4)) {
          case 0 -> List.of("eval", copy.toString());
          case 1 -> List.of("translate", copy.toString());
          case 2 ->
              List.of("export", copy.toString(), "--format", "npz", "--output", out.toString());
          default -> List.of("run", "--output", copy.toString(), "--resume");
        };
    String note =
        List.of("deleted", "emptied", "cut short", "noise in", "broken JSON in", "other JSON in")
                .get(how)
            + " "
            + copy.relativize(victim)
            + ", then ";
    return new Case(args, "1 2 3\n", false, out, note);
  }

  /** Commands pointed at the finished run that must refuse to change it. */
  private static Case aimedAtTheFinishedRun(Random random, Path work) {
    String run = finished.toString();
    List<List<String>> cases =
        List.of(
            List.of("export", run, "--output", finished.resolve("results.json").toString()),
            List.of("export", run, "--format", "npz", "--output", run),
            List.of("run", config.toString(), "--output", run),
            List.of("run", "--output", run, "--resume", "--set", "training.steps=5"),
            List.of("run", "--output", run, "--resume", "--set", "model.d_ff=48"),
            List.of("run", config.toString(), "--output", run, "--resume", "--set", "seed=2"),
            List.of("eval", run, "--split", "validation"),
            List.of("translate", run, "--beam", "0"),
            List.of("sweep", config.toString(), "--output", run));
    return new Case(pick(random, cases), "1 2 3\n", true, null);
  }

  private static String misspell(Random random, String word) {
    int start = word.startsWith("--") ? 2 : 0;
    int at = start + random.nextInt(word.length() - start);
    return random.nextBoolean()
        ? word.substring(0, at) + word.substring(at + 1)
        : word.substring(0, at) + "q" + word.substring(at);
  }
}
