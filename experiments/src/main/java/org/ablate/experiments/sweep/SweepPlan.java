package org.ablate.experiments.sweep;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.ablate.core.config.ConfigBinder;
import org.ablate.core.config.ConfigException;
import org.ablate.core.config.ConfigTree;
import org.ablate.core.config.Origin;
import org.ablate.experiments.config.ConfigLoader;
import org.ablate.experiments.config.ExperimentConfig;

/**
 * Expands a sweep file into its trials: arms x paired groups x grid x random samples x seeds. Every
 * trial's config is resolved and checked here, before anything runs, so a misspelled key fails the
 * whole sweep at once, naming the sweep file and line.
 */
public final class SweepPlan {
  private final Path file;
  private final SweepConfig config;
  private final ConfigTree tree;
  private final List<Trial> trials = new ArrayList<>();
  private final ConfigLoader loader;

  public SweepPlan(Path file, ConfigLoader loader) {
    this.file = file;
    this.loader = loader;
    this.tree = ConfigTree.load(file, true);
    java.util.Set<String> top = tree.root().keySet();
    if ((top.contains("model") || top.contains("data"))
        && top.stream().noneMatch(ConfigLoader.SWEEP_KEYS::contains)) {
      throw new ConfigException(
          file
              + " is an experiment file, not a sweep; run it with ./ablate run "
              + file
              + ", or name it in a sweep file's base: list.");
    }
    this.config = new ConfigBinder().bind(SweepConfig.class, tree);
    SweepChecks.check(config, file, tree);
    Map<String, SweepConfig.Arm> arms =
        config.arms().isEmpty()
            ? Map.of("", new SweepConfig.Arm(List.of(), Map.of()))
            : config.arms();
    if (config.base().isEmpty() && arms.values().stream().anyMatch(a -> a.configs().isEmpty())) {
      throw new ConfigException(
          file
              + ": every trial needs an experiment file: set 'base:' or give each arm 'configs:'.");
    }
    List<Map<String, Object>> points = points();
    for (Map.Entry<String, SweepConfig.Arm> arm : arms.entrySet()) {
      List<Path> files = new ArrayList<>();
      config.base().forEach(f -> files.add(resolve(f, "base")));
      arm.getValue()
          .configs()
          .forEach(f -> files.add(resolve(f, "arms." + arm.getKey() + ".configs")));
      for (Map<String, Object> point : points) {
        for (long seed : config.seeds()) {
          ConfigTree over = ConfigTree.empty();
          over = overlay(over, config.set(), "set");
          over = overlay(over, arm.getValue().set(), "arms." + arm.getKey() + ".set");
          over = overlay(over, point, "dimension");
          ConfigTree seedTree = ConfigTree.empty();
          seedTree.set("seed", seed, origin("seeds"));
          over = over.merge(seedTree);
          ExperimentConfig resolved = loader.bind(loader.tree(files, over));
          String yaml = loader.resolvedYaml(resolved);
          trials.add(new Trial(arm.getKey(), point, seed, resolved, yaml, hash(yaml)));
        }
      }
    }
    List<String> keys = trials.stream().map(Trial::key).toList();
    if (keys.stream().distinct().count() != keys.size()) {
      throw new ConfigException(
          file
              + ": two trials resolve to the same config (a dimension does not change anything); remove the duplicate values.");
    }
  }

  private Path resolve(String relative, String key) {
    Path parent = file.toAbsolutePath().getParent();
    Path absolute = parent.resolve(relative).normalize();
    if (!java.nio.file.Files.isRegularFile(absolute)) {
      throw new ConfigException(
          origin(key)
              + ": "
              + key
              + " names '"
              + relative
              + "', which does not exist (looked for "
              + absolute
              + "); paths are relative to the sweep file's folder.");
    }
    return Path.of("").toAbsolutePath().relativize(absolute);
  }

  private Origin origin(String key) {
    return tree.origin(key);
  }

  private ConfigTree overlay(ConfigTree base, Map<String, Object> sets, String where) {
    ConfigTree over = ConfigTree.empty();
    for (Map.Entry<String, Object> e : sets.entrySet()) {
      Origin o =
          new Origin(
              file + " (" + where + " " + e.getKey() + ")",
              origin(where.equals("dimension") ? "grid" : where.replace(".set", "")).line());
      over.set(e.getKey(), e.getValue(), o);
    }
    return base.merge(over);
  }

  /** Every combination of paired groups, grid values and random samples (dotted key -> value). */
  private List<Map<String, Object>> points() {
    List<Map<String, Object>> points = new ArrayList<>();
    points.add(new LinkedHashMap<>());
    for (Map<String, List<Object>> group : config.paired()) {
      int n = group.values().iterator().next().size();
      for (Map.Entry<String, List<Object>> e : group.entrySet()) {
        if (e.getValue().size() != n) {
          throw new ConfigException(
              file
                  + ": paired keys must list the same number of values; "
                  + e.getKey()
                  + " has "
                  + e.getValue().size()
                  + ", not "
                  + n
                  + ".");
        }
      }
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> p : points) {
        for (int i = 0; i < n; i++) {
          Map<String, Object> q = new LinkedHashMap<>(p);
          for (Map.Entry<String, List<Object>> e : group.entrySet()) {
            q.put(e.getKey(), e.getValue().get(i));
          }
          next.add(q);
        }
      }
      points = next;
    }
    for (Map.Entry<String, List<Object>> dim : config.grid().entrySet()) {
      if (dim.getValue().isEmpty()) {
        throw new ConfigException(file + ": grid key " + dim.getKey() + " lists no values.");
      }
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> p : points) {
        for (Object v : dim.getValue()) {
          Map<String, Object> q = new LinkedHashMap<>(p);
          q.put(dim.getKey(), v);
          next.add(q);
        }
      }
      points = next;
    }
    if (config.random() != null) {
      Random rng = new Random(config.random().seed());
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> p : points) {
        for (int i = 0; i < config.random().trials(); i++) {
          Map<String, Object> q = new LinkedHashMap<>(p);
          config.random().space().forEach((k, dist) -> q.put(k, sample(k, dist, rng)));
          next.add(q);
        }
      }
      points = next;
    }
    return points;
  }

  private Object sample(String key, Map<String, List<Object>> distribution, Random rng) {
    if (distribution.size() != 1) {
      throw new ConfigException(
          file
              + ": random.space."
              + key
              + " needs exactly one of choice, uniform, log_uniform, int_uniform.");
    }
    Map.Entry<String, List<Object>> d = distribution.entrySet().iterator().next();
    List<Object> args = d.getValue();
    switch (d.getKey()) {
      case "choice":
        return args.get(rng.nextInt(args.size()));
      case "uniform":
        return round(
            number(key, args, 0)
                + rng.nextDouble() * (number(key, args, 1) - number(key, args, 0)));
      case "log_uniform":
        double lo = Math.log(number(key, args, 0));
        return round(Math.exp(lo + rng.nextDouble() * (Math.log(number(key, args, 1)) - lo)));
      case "int_uniform":
        long a = (long) number(key, args, 0);
        return a + (long) rng.nextInt((int) ((long) number(key, args, 1) - a + 1));
      default:
        throw new ConfigException(
            file
                + ": random.space."
                + key
                + "."
                + d.getKey()
                + " is not a distribution; use choice, uniform, log_uniform or int_uniform.");
    }
  }

  /** Four significant digits keep trial labels and keys readable. */
  private static double round(double v) {
    return Double.parseDouble(String.format(Locale.ROOT, "%.4g", v));
  }

  private double number(String key, List<Object> args, int i) {
    if (args.size() != 2 || !(args.get(i) instanceof Number n)) {
      throw new ConfigException(file + ": random.space." + key + " needs two numbers [low, high].");
    }
    return n.doubleValue();
  }

  static String hash(String text) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public SweepConfig config() {
    return config;
  }

  public Path file() {
    return file;
  }

  public List<Trial> trials() {
    return trials;
  }

  /**
   * Lets trials without a folder in the sweep folder {@code dir} take over finished trials that an
   * earlier version of Ablate keyed differently but whose configs resolve to theirs today (see
   * {@link FinishedTrials}); call it before {@link #shard}. Returns this plan.
   */
  public SweepPlan adopt(Path dir) {
    List<Trial> adopted = FinishedTrials.adopt(List.copyOf(trials), dir, loader);
    trials.clear();
    trials.addAll(adopted);
    return this;
  }

  /** The trials of shard {@code index} of {@code count}: every trial in exactly one shard. */
  public List<Trial> shard(int index, int count) {
    List<Trial> sorted = new ArrayList<>(trials);
    sorted.sort(java.util.Comparator.comparing(Trial::key));
    List<Trial> out = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      if (i % count == index) {
        out.add(sorted.get(i));
      }
    }
    return out;
  }
}
