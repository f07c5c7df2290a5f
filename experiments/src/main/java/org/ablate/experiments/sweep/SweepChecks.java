package org.ablate.experiments.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ablate.core.config.ConfigException;
import org.ablate.core.config.ConfigTree;

/**
 * Checks a sweep file before any trial is expanded: every dimension lists values, paired lists have
 * one length, random distributions are well formed, and the number of trials is at least one and at
 * most {@value #MAX_TRIALS}, counted without expanding them.
 */
final class SweepChecks {
  /** The most trials one sweep file may define. */
  static final long MAX_TRIALS = 10_000;

  private final Path file;
  private final ConfigTree tree;

  private SweepChecks(Path file, ConfigTree tree) {
    this.file = file;
    this.tree = tree;
  }

  /** Checks {@code config}; returns its number of trials. */
  static long check(SweepConfig config, Path file, ConfigTree tree) {
    return new SweepChecks(file, tree).check(config);
  }

  private long check(SweepConfig config) {
    long trials = Math.max(1, config.arms().size());
    for (int g = 0; g < config.paired().size(); g++) {
      Map<String, List<Object>> group = config.paired().get(g);
      if (group.isEmpty()) {
        throw error(
            "paired",
            "paired group " + (g + 1) + " names no keys; give keys and value lists, or remove it");
      }
      int n = -1;
      for (Map.Entry<String, List<Object>> e : group.entrySet()) {
        if (e.getValue().isEmpty()) {
          throw error("paired", "paired key " + e.getKey() + " lists no values");
        }
        if (n >= 0 && e.getValue().size() != n) {
          throw error(
              "paired",
              "paired keys must list the same number of values; "
                  + e.getKey()
                  + " has "
                  + e.getValue().size()
                  + ", not "
                  + n);
        }
        n = e.getValue().size();
      }
      trials = times(trials, n);
    }
    for (Map.Entry<String, List<Object>> dim : config.grid().entrySet()) {
      if (dim.getValue().isEmpty()) {
        throw error("grid", "grid key " + dim.getKey() + " lists no values");
      }
      trials = times(trials, dim.getValue().size());
    }
    if (config.random() != null) {
      config.random().space().forEach(this::distribution);
      trials = times(trials, config.random().trials());
    }
    if (config.seeds().isEmpty()) {
      throw error(
          "seeds", "seeds lists no seeds, so the sweep has no trials; give at least one, e.g. [1]");
    }
    trials = times(trials, config.seeds().size());
    if (trials > MAX_TRIALS) {
      throw error(
          "name",
          "the sweep defines "
              + (trials == Long.MAX_VALUE
                  ? "more than 9e18"
                  : String.format(Locale.ROOT, "%,d", trials))
              + " trials, more than the "
              + String.format(Locale.ROOT, "%,d", MAX_TRIALS)
              + " one sweep file may hold; split it (or use --shard on several machines)");
    }
    return trials;
  }

  private void distribution(String key, Map<String, List<Object>> distribution) {
    String where = "random.space." + key;
    if (distribution.size() != 1) {
      throw error(
          "random", where + " needs exactly one of choice, uniform, log_uniform, int_uniform");
    }
    Map.Entry<String, List<Object>> d = distribution.entrySet().iterator().next();
    List<Object> args = d.getValue();
    switch (d.getKey()) {
      case "choice" -> {
        if (args.isEmpty()) {
          throw error("random", where + ".choice lists no values to choose from");
        }
      }
      case "uniform", "log_uniform", "int_uniform" -> {
        if (args.size() != 2
            || !(args.get(0) instanceof Number lo)
            || !(args.get(1) instanceof Number hi)
            || !Double.isFinite(lo.doubleValue())
            || !Double.isFinite(hi.doubleValue())) {
          throw error("random", where + "." + d.getKey() + " needs two finite numbers [low, high]");
        }
        if (lo.doubleValue() > hi.doubleValue()) {
          throw error(
              "random",
              where
                  + "."
                  + d.getKey()
                  + " is "
                  + args
                  + ": low is above high; write ["
                  + hi
                  + ", "
                  + lo
                  + "]");
        }
        if (d.getKey().equals("log_uniform") && lo.doubleValue() <= 0) {
          throw error("random", where + ".log_uniform needs a low above 0, got " + lo);
        }
        if (d.getKey().equals("int_uniform")
            && (lo.doubleValue() != Math.rint(lo.doubleValue())
                || hi.doubleValue() != Math.rint(hi.doubleValue())
                || hi.doubleValue() - lo.doubleValue() >= Integer.MAX_VALUE)) {
          throw error(
              "random", where + ".int_uniform needs two whole numbers less than 2^31 apart");
        }
      }
      default ->
          throw error(
              "random",
              where
                  + "."
                  + d.getKey()
                  + " is not a distribution; use choice, uniform, log_uniform or int_uniform");
    }
  }

  private static long times(long a, long b) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private ConfigException error(String key, String message) {
    return new ConfigException(tree.origin(key) + ": " + message + ".");
  }
}
