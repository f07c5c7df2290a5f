package org.ablate.training.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ablate.core.config.ConfigBinder;
import org.ablate.core.config.ConfigTree;
import org.ablate.training.config.TrainingConfig;
import org.ablate.training.testing.TestRegistry;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint selection: a strictly better dev value is the new best; a later checkpoint within the
 * paired bootstrap's noise of the best is selected in its place (the best value stays the
 * yardstick); one clearly worse, or any when the rule is off or the metric has no per-example
 * values, leaves the selection where it was.
 */
class SelectionTest {
  /** Wraps the training section as in an experiment file. */
  record Holder(TrainingConfig training) {}

  private static TrainingConfig config(String yaml) {
    return new ConfigBinder(TestRegistry.REGISTRY)
        .bind(Holder.class, ConfigTree.parse("training: " + yaml, "test"))
        .training();
  }

  /** 400 dev examples of 10 tokens each, with per-example losses around {@code mean}. */
  private static List<Map<String, Object>> losses(double mean, double spread, long seed) {
    Random rng = new Random(seed);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      rows.add(Map.of("loss", 10 * (mean + spread * rng.nextGaussian()), "tokens", 10.0));
    }
    return rows;
  }

  private static double mean(List<Map<String, Object>> rows) {
    return rows.stream().mapToDouble(r -> (Double) r.get("loss")).sum() / (10.0 * rows.size());
  }

  private static TrainState at(long step, TrainState s) {
    return new TrainState(
        step, s.best(), s.bestStep(), s.badEvaluations(), 0, 0, 0, 0, 0, s.reference());
  }

  @Test
  void aLaterCheckpointWithinTheNoiseIsSelectedAndTheBestStaysTheYardstick() {
    Selection selection = new Selection(config("{select_by: dev_loss}"));
    List<Map<String, Object>> first = losses(2.0, 1.0, 1);
    TrainState s =
        selection.select(at(500, TrainState.start()), Map.of("dev_loss", mean(first)), first);
    assertEquals(500, s.bestStep());
    assertEquals(400, s.reference().size());
    // the same examples a hair worse: within the noise, so the later checkpoint is kept
    List<Map<String, Object>> close = new ArrayList<>();
    Random rng = new Random(2);
    for (Map<String, Object> r : first) {
      close.add(
          Map.of(
              "loss", (Double) r.get("loss") + 0.05 * rng.nextGaussian() + 0.002, "tokens", 10.0));
    }
    TrainState later = selection.select(at(1000, s), Map.of("dev_loss", mean(close)), close);
    assertEquals(1000, later.bestStep());
    assertEquals(mean(first), later.best(), 1e-12, "the best value is still the first's");
    assertEquals(1, later.badEvaluations(), "no strict improvement: early stopping counts it");
    // clearly worse on every example: the selection stays
    List<Map<String, Object>> worse = new ArrayList<>();
    for (Map<String, Object> r : first) {
      worse.add(Map.of("loss", (Double) r.get("loss") + 0.5, "tokens", 10.0));
    }
    TrainState after = selection.select(at(1500, later), Map.of("dev_loss", mean(worse)), worse);
    assertEquals(1000, after.bestStep());
    assertEquals(2, after.badEvaluations());
    // off: the best stays selected
    Selection strict =
        new Selection(config("{select_by: dev_loss, prefer_later_within_noise: false}"));
    assertEquals(
        500, strict.select(at(1000, s), Map.of("dev_loss", mean(close)), close).bestStep());
  }

  @Test
  void bleuIsResampledFromSentenceStatisticsAndOtherMetricsSelectTheBest() {
    Selection selection = new Selection(config("{select_by: dev_bleu}"));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      // hypothesis length, reference length, matches of orders 1-4, then their totals
      rows.add(Map.of("bleu", List.of(8, 9, 6, 4, 2, 1, 8, 7, 6, 5)));
    }
    TrainState s = selection.select(at(100, TrainState.start()), Map.of("dev_bleu", 30.0), rows);
    TrainState same = selection.select(at(200, s), Map.of("dev_bleu", 30.0), rows);
    assertEquals(200, same.bestStep(), "an equal score is within the noise: the later one");
    Selection token = new Selection(config("{select_by: dev_token_accuracy}"));
    TrainState t =
        token.select(at(100, TrainState.start()), Map.of("dev_token_accuracy", 0.5), rows);
    assertEquals(
        100,
        token.select(at(200, t), Map.of("dev_token_accuracy", 0.49), rows).bestStep(),
        "no per-example values: the best is kept");
  }
}
