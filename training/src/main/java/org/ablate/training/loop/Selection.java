package org.ablate.training.loop;

import java.util.List;
import java.util.Map;
import org.ablate.training.config.TrainingConfig;
import org.ablate.training.metrics.ExampleScores;
import org.ablate.training.metrics.PairedBootstrap;

/**
 * Which checkpoint a run keeps after each dev evaluation. A strictly better {@code select_by} value
 * is the new best and the selected checkpoint. With {@code prefer_later_within_noise}, a later
 * checkpoint that is worse than the best but within its noise (the paired bootstrap over the dev
 * examples does not find the best significantly better at 5%) is selected in its place, while the
 * best value stays what later checkpoints are measured against, so that the selection cannot drift
 * down one insignificant step at a time. Early stopping counts evaluations without a strict
 * improvement either way. Metrics without per-example values (or {@code select_by: last}) select as
 * before.
 */
final class Selection {
  /**
   * Bootstrap resamples per decision, and their fixed seed: a decision is a function of the data.
   */
  static final int SAMPLES = 1000;

  static final long SEED = 20261203L;

  private final TrainingConfig config;

  Selection(TrainingConfig config) {
    this.config = config;
  }

  /** The state after an evaluation at {@code state.step()} with these dev metrics and rows. */
  TrainState select(TrainState state, Map<String, Double> dev, List<Map<String, Object>> rows) {
    if (config.selectsLast()) {
      return state.withSelection(Double.NaN, state.step(), 0);
    }
    Double value = dev.get(config.selectBy());
    if (value == null) {
      throw new IllegalStateException("dev metrics lack " + config.selectBy());
    }
    boolean better =
        !Double.isNaN(value)
            && (Double.isNaN(state.best())
                || (config.higherIsBetter() ? value > state.best() : value < state.best()));
    if (better) {
      return state
          .withSelection(value, state.step(), 0)
          .withReference(ExampleScores.keep(config.selectBy(), rows));
    }
    long selected =
        config.preferLaterWithinNoise() && withinNoise(rows, state.reference())
            ? state.step()
            : state.bestStep();
    return state.withSelection(state.best(), selected, state.badEvaluations() + 1);
  }

  /** True when the best evaluation's rows are not significantly better than these at 5%. */
  boolean withinNoise(List<Map<String, Object>> rows, List<Map<String, Object>> reference) {
    ExampleScores.Scorer now = ExampleScores.of(config.selectBy(), rows);
    ExampleScores.Scorer best = ExampleScores.of(config.selectBy(), reference);
    if (now == null || best == null || now.examples() != best.examples()) {
      return false;
    }
    double sign = config.higherIsBetter() ? 1 : -1;
    PairedBootstrap.Result r =
        PairedBootstrap.test(
            now.examples(),
            s -> sign * now.score().apply(s),
            s -> sign * best.score().apply(s),
            SAMPLES,
            SEED);
    return r.pValue() >= 0.05;
  }
}
