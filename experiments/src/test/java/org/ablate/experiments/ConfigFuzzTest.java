package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.ablate.core.config.ConfigException;
import org.ablate.experiments.config.ConfigLoader;
import org.ablate.experiments.run.Injection;
import org.ablate.experiments.sweep.SweepPlan;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random mutations of every shipped config (experiments and sweeps): the loader either accepts the
 * result or rejects it with a {@link ConfigException} whose message names the file; nothing else
 * ever escapes.
 */
class ConfigFuzzTest {
  static final String[] JUNK = {
    "",
    "null",
    "-1",
    "0",
    "1e400",
    "[1, 2]",
    "{a: 1}",
    "\"text\"",
    "yes",
    ".nan",
    "~",
    "[",
    "}",
    "&a",
    "*b",
    "!!binary x",
    "1.5",
    "true"
  };
  static final int MUTATIONS = 60;

  static Stream<Path> configs() throws Exception {
    Path configs = Repo.root().resolve("configs");
    try (Stream<Path> all = Files.walk(configs)) {
      return all
          .filter(
              p ->
                  p.toString().endsWith(".yaml")
                      && !p.getFileName().toString().equals("reference.yaml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  static String mutate(String text, Random rng) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int i = rng.nextInt(lines.size());
    String line = lines.get(i);
    switch (rng.nextInt(8)) {
      case 0 -> lines.remove(i);
      case 1 -> lines.add(i, lines.get(rng.nextInt(lines.size())));
      case 2 -> lines.set(i, line.replaceFirst(":.*$", ": " + JUNK[rng.nextInt(JUNK.length)]));
      case 3 -> {
        int cut = line.isEmpty() ? 0 : rng.nextInt(line.length());
        lines.set(i, line.substring(0, cut));
      }
      case 4 -> lines.set(i, " ".repeat(rng.nextInt(5)) + line.strip());
      case 5 -> {
        int p = line.isEmpty() ? 0 : rng.nextInt(line.length());
        lines.set(i, line.substring(0, p) + (char) (33 + rng.nextInt(90)) + line.substring(p));
      }
      case 6 -> lines.set(i, line.replaceFirst("([a-z_]+):", "$1x:"));
      default -> lines.set(i, line + " " + JUNK[rng.nextInt(JUNK.length)]);
    }
    return String.join("\n", lines);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void mutationsGiveOnlyClearConfigErrors(Path original, @TempDir Path dir) throws Exception {
    Injection injection = Tests.injection();
    ConfigLoader loader = Tests.loader();
    boolean sweep = original.getParent().getFileName().toString().equals("sweeps");
    Random rng = new Random(original.getFileName().toString().hashCode());
    String text = Files.readString(original);
    Path folder =
        sweep
            ? Files.createDirectories(dir.resolve("configs/sweeps"))
            : Files.createDirectories(dir.resolve("configs"));
    if (sweep) {
      try (Stream<Path> experiments = Files.list(Repo.root().resolve("configs"))) {
        for (Path e : experiments.filter(p -> p.toString().endsWith(".yaml")).toList()) {
          Files.copy(e, dir.resolve("configs").resolve(e.getFileName()));
        }
      }
    }
    int rejected = 0;
    for (int m = 0; m < MUTATIONS; m++) {
      String mutated = text;
      for (int k = 0; k <= rng.nextInt(3); k++) {
        mutated = mutate(mutated, rng);
      }
      Path file = Files.writeString(folder.resolve(original.getFileName()), mutated);
      try {
        if (sweep) {
          new SweepPlan(file, loader);
        } else {
          loader.load(List.of(file), List.of());
        }
      } catch (ConfigException e) {
        rejected++;
        assertTrue(
            e.getMessage().contains(original.getFileName().toString())
                || e.getMessage().contains("default"),
            "message names the file: " + e.getMessage());
        assertFalse(e.getMessage().isBlank());
      } catch (RuntimeException e) {
        fail("mutation " + m + " of " + original + " escaped as " + e + "\n---\n" + mutated, e);
      }
    }
    assertTrue(rejected > 0, "the mutations should break the file at least once");
  }
}
