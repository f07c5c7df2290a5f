package org.ablate.experiments.run;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.ablate.core.AblateException;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.training.loop.Checkpoints;
import org.ablate.training.loop.MetricsLog;
import org.ablate.training.loop.TrainState;
import org.ablate.training.loop.Trainer;
import org.ablate.training.metrics.Bleu;
import org.ablate.training.metrics.Chrf;
import org.ablate.training.tasks.Evaluation;
import org.ablate.training.tasks.Split;
import org.tensorflow.Session;

/**
 * The end of a run: the selected checkpoint restored and evaluated on test, and {@code
 * results.json} (with the dev metrics at that checkpoint), {@code test_details.jsonl} and, for
 * tasks that decode, {@code test_outputs.txt} written; a task's extra test sets (fixed lengths) add
 * their {@code test_<name>_*} metrics and {@code test_<name>_outputs.txt}.
 */
final class FinalEvaluation {
  private FinalEvaluation() {}

  static Map<String, Object> run(
      RunFolder folder,
      ExperimentConfig config,
      Assembly assembly,
      Session session,
      Checkpoints checkpoints,
      Trainer.Outcome outcome,
      PrintStream console) {
    Checkpoints.Entry best =
        checkpoints
            .best()
            .orElseThrow(() -> new AblateException("no best checkpoint in " + checkpoints.dir()));
    session.restore(best.prefix());
    long evalStart = System.nanoTime();
    Evaluation test = assembly.task.evaluate(session, Split.TEST);
    Map<String, Evaluation> extra = assembly.task.evaluateExtraTests(session);
    double testSeconds = (System.nanoTime() - evalStart) / 1e9;
    TrainState state = outcome.state();
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("name", config.name());
    results.put("model", assembly.modelName());
    results.put("data", assembly.dataName());
    results.put("parameters", assembly.parameterCount());
    results.put("seed", config.seed());
    results.putAll(assembly.task.dataFacts());
    results.put("steps", state.step());
    results.put("stop_reason", outcome.reason());
    results.put("best_step", best.step());
    results.put("select_by", config.training().selectBy());
    results.put("train_seconds", state.seconds());
    results.put("train_" + assembly.task.unit(), state.units());
    if (state.flops() > 0) {
      results.put("train_flops", state.flops());
    }
    results.put(
        assembly.task.unit() + "_per_second", state.units() / Math.max(1e-9, state.seconds()));
    results.putAll(devAt(folder, best.step()));
    results.putAll(test.metrics());
    if (test.metrics().containsKey("test_bleu")) {
      results.put("bleu_signature", Bleu.SIGNATURE);
      results.put("chrf_signature", Chrf.SIGNATURE);
    }
    if (!assembly.task.classNames().isEmpty()) {
      results.put("class_names", assembly.task.classNames());
    }
    extra.values().forEach(e -> results.putAll(e.metrics()));
    results.put("test_seconds", testSeconds);
    lastCheckpoint(assembly, session, checkpoints, best, results, console);
    folder.writeJsonLines("test_details.jsonl", test.details());
    folder.writeJson(ExperimentRunner.RESULTS, results);
    folder.writeLines("test_outputs.txt", test.outputs());
    extra.forEach(
        (name, e) -> {
          folder.writeLines("test_" + name + "_outputs.txt", e.outputs());
          folder.writeJsonLines("test_" + name + "_details.jsonl", e.details());
        });
    console.println(
        line(
            "test ("
                + (config.training().selectsLast() ? "last" : "best")
                + " checkpoint, step "
                + best.step()
                + "):",
            test.metrics()));
    extra.forEach((name, e) -> console.println(line("test " + name + ":", e.metrics())));
    return results;
  }

  /**
   * When the selected checkpoint is not the newest, the newest one's step and test metrics, as
   * {@code last_step} and {@code last_test_*}: what selection gained or lost.
   */
  private static void lastCheckpoint(
      Assembly assembly,
      Session session,
      Checkpoints checkpoints,
      Checkpoints.Entry best,
      Map<String, Object> results,
      PrintStream console) {
    Checkpoints.Entry last = checkpoints.newest().orElse(best);
    results.put("last_step", last.step());
    if (last.step() == best.step()) {
      return;
    }
    session.restore(last.prefix());
    Map<String, Double> test = assembly.task.evaluate(session, Split.TEST).metrics();
    test.forEach((k, v) -> results.put("last_" + k, v));
    console.println(line("test (newest checkpoint, step " + last.step() + "):", test));
    session.restore(best.prefix());
  }

  /** {@code head} followed by each metric's name and value, for the console. */
  private static String line(String head, Map<String, Double> metrics) {
    StringBuilder line = new StringBuilder(head);
    metrics.forEach((k, v) -> line.append(String.format(Locale.ROOT, " %s %.4f", k, v)));
    return line.toString();
  }

  /** The dev metrics logged at {@code step}. */
  private static Map<String, Object> devAt(RunFolder folder, long step) {
    Map<String, Object> dev = new LinkedHashMap<>();
    for (Map<String, Object> line : MetricsLog.read(folder.dir().resolve("metrics.jsonl"))) {
      if ("dev".equals(line.get("kind")) && ((Number) line.get("step")).longValue() == step) {
        line.forEach(
            (k, v) -> {
              if (k.startsWith("dev_")) {
                dev.put(k, v);
              }
            });
      }
    }
    return dev;
  }
}
