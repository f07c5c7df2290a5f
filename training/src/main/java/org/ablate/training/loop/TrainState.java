package org.ablate.training.loop;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the trainer needs to continue exactly where a checkpoint left off. Data order, dropout
 * masks, learning rate and Adam's bias correction are all functions of the step, so the step plus
 * the selection bookkeeping is the whole state outside the TF variables.
 *
 * @param step optimizer steps done
 * @param best best value of the selection metric so far (NaN before the first evaluation)
 * @param bestStep step of that value
 * @param badEvaluations evaluations since the last improvement
 * @param seconds training wall-clock time so far (evaluations included)
 * @param units training work units seen (target tokens or images)
 * @param flops training FLOPs spent (see {@code TrainingFlops}; 0 where they are not counted)
 * @param intervalLoss sum of step losses since the last log line (a resumed run logs the same mean)
 * @param intervalSteps steps since the last log line
 * @param reference the per-example dev values of the best evaluation so far (what selection tests a
 *     later checkpoint against; see {@code Selection}), empty when there are none
 */
public record TrainState(
    long step,
    double best,
    long bestStep,
    int badEvaluations,
    double seconds,
    long units,
    long flops,
    double intervalLoss,
    int intervalSteps,
    List<Map<String, Object>> reference) {
  public static TrainState start() {
    return new TrainState(0, Double.NaN, 0, 0, 0, 0, 0, 0, 0, List.of());
  }

  /** This state with other per-example values of the best evaluation. */
  public TrainState withReference(List<Map<String, Object>> rows) {
    return new TrainState(
        step,
        best,
        bestStep,
        badEvaluations,
        seconds,
        units,
        flops,
        intervalLoss,
        intervalSteps,
        List.copyOf(rows));
  }

  /** This state with another selection outcome. */
  public TrainState withSelection(double newBest, long newBestStep, int newBadEvaluations) {
    return new TrainState(
        step,
        newBest,
        newBestStep,
        newBadEvaluations,
        seconds,
        units,
        flops,
        intervalLoss,
        intervalSteps,
        reference);
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("step", step);
    m.put("best", Double.isNaN(best) ? null : best);
    m.put("best_step", bestStep);
    m.put("bad_evaluations", badEvaluations);
    m.put("seconds", seconds);
    m.put("units", units);
    m.put("flops", flops);
    m.put("interval_loss", intervalLoss);
    m.put("interval_steps", intervalSteps);
    m.put("reference_examples", reference);
    return m;
  }

  @SuppressWarnings("unchecked")
  public static TrainState fromMap(Map<String, Object> m) {
    Object best = m.get("best");
    return new TrainState(
        ((Number) m.get("step")).longValue(),
        best == null ? Double.NaN : ((Number) best).doubleValue(),
        ((Number) m.get("best_step")).longValue(),
        ((Number) m.get("bad_evaluations")).intValue(),
        ((Number) m.get("seconds")).doubleValue(),
        ((Number) m.get("units")).longValue(),
        ((Number) m.getOrDefault("flops", 0L)).longValue(),
        ((Number) m.getOrDefault("interval_loss", 0.0)).doubleValue(),
        ((Number) m.getOrDefault("interval_steps", 0)).intValue(),
        m.get("reference_examples") instanceof List<?> rows
            ? (List<Map<String, Object>>) rows
            : List.of());
  }
}
