package org.ablate.experiments.sweep;

import java.util.List;
import java.util.Map;
import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;

/**
 * A sweep file: which experiments to run (named arms, each from its own files), which keys to vary
 * (grid, paired and random dimensions), and how many seeds to repeat each trial with.
 *
 * <pre>{@code
 * name: ablate-transformer
 * base: [../copy-transformer.yaml]
 * set: {training.steps: 1500}
 * grid:
 *   model.positional_encoding: [sinusoidal, learned, none]
 *   model.norm: [pre, post]
 * seeds: [1, 2, 3]
 * }</pre>
 */
public record SweepConfig(
    @Doc("sweep name; names the output folder") String name,
    @Doc("one line saying what the sweep compares") @Default("null") String description,
    @Doc("experiment files every trial starts from, relative to the sweep file") @Default("[]")
        List<String> base,
    @Doc("config overrides (dotted keys) applied to every trial") @Default("{}")
        Map<String, Object> set,
    @Doc("named arms, each with its own experiment files and overrides; omit for a single arm")
        @Default("{}")
        Map<String, Arm> arms,
    @Doc("grid dimensions: dotted key -> list of values; every combination is a trial")
        @Default("{}")
        Map<String, List<Object>> grid,
    @Doc("paired dimensions: groups of keys whose value lists move together (zipped)")
        @Default("[]")
        List<Map<String, List<Object>>> paired,
    @Doc("random search over a space of values") @Default("null") RandomSearch random,
    @Doc("seeds; every trial runs once per seed (repeats for confidence intervals)") @Default("[1]")
        List<Long> seeds,
    @Doc("trials run at once on this machine (capped by cores and memory)")
        @Default("1")
        @Range(min = 1)
        int parallel) {

  /** One arm of a comparison. */
  public record Arm(
      @Doc("experiment files of this arm, relative to the sweep file") @Default("[]")
          List<String> configs,
      @Doc("config overrides of this arm") @Default("{}") Map<String, Object> set) {}

  /**
   * Random search: {@code trials} samples; each key of {@code space} maps to one distribution:
   * {@code {choice: [a, b]}}, {@code {uniform: [lo, hi]}}, {@code {log_uniform: [lo, hi]}} or
   * {@code {int_uniform: [lo, hi]}}.
   */
  public record RandomSearch(
      @Doc("number of sampled points") @Range(min = 1) int trials,
      @Doc("seed of the sampler (not of training)") @Default("0") long seed,
      @Doc("dotted key -> distribution") Map<String, Map<String, List<Object>>> space) {}
}
