package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ablate.core.config.ConfigException;
import org.ablate.core.graph.Param;
import org.ablate.core.testing.Tf;
import org.ablate.experiments.run.Assembly;
import org.ablate.experiments.run.TrainedRun;
import org.ablate.training.config.OptimizerConfig;
import org.ablate.training.graph.Optimizer;
import org.ablate.training.graph.WeightAverage;
import org.ablate.training.loop.Checkpoints;
import org.ablate.training.tasks.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Session;

/**
 * With {@code training.ema_decay}, dev evaluation and the kept checkpoints use the averaged
 * weights, and the trained weights are saved beside them.
 */
class WeightAverageRunTest {
  static final String YAML =
      EndToEndTest.TINY_COPY
          .replace("steps: 300", "steps: 120")
          .replace("eval_every: 150", "eval_every: 60")
          .replace("label_smoothing: 0.0", "label_smoothing: 0.0\n  ema_decay: 0.95");

  @Test
  void checkpointsHoldTheAveragedWeightsThatWereEvaluated(@TempDir Path dir) throws Exception {
    Map<String, Object> results = EndToEndTest.run(YAML, dir, List.of());
    Path run = dir.resolve("run");
    // the best checkpoint, opened as translate/export open it, scores what dev evaluation logged
    try (TrainedRun opened = new TrainedRun(run, Tests.injection(), Tests.loader());
        Assembly assembly = Assembly.build(opened.config, Tests.injection(), run)) {
      Map<String, Double> dev = opened.assembly.task.evaluate(opened.session, Split.DEV).metrics();
      assertEquals(
          ((Number) results.get("dev_loss")).doubleValue(), dev.get("dev_loss"), 1e-6, "dev_loss");
      // in that checkpoint the model's weights are the averages; the trained weights differ
      Optimizer optimizer =
          new Optimizer(
              assembly.context,
              assembly.context.parameters(),
              Tests.ABLATE
                  .registry()
                  .make(OptimizerConfig.SLOT, opened.config.training().optimizer(), null),
              1.0,
              false,
              opened.config.training().emaDecay());
      WeightAverage average = optimizer.average().orElseThrow();
      Checkpoints.Entry best = new Checkpoints(run.resolve("checkpoints"), 2).best().orElseThrow();
      try (Session session = new Session(assembly.graph)) {
        session.restore(best.prefix());
        List<Param> params = assembly.context.parameters();
        double moved = 0;
        for (int i = 0; i < params.size(); i++) {
          float[] weight = Tf.values(session, params.get(i).variable());
          float[] mean = Tf.values(session, average.averages().get(i));
          for (int j = 0; j < weight.length; j++) {
            assertEquals(mean[j], weight[j], 0f, params.get(i).name());
          }
        }
        average.useTrained(session);
        for (int i = 0; i < params.size(); i++) {
          float[] weight = Tf.values(session, params.get(i).variable());
          float[] mean = Tf.values(session, average.averages().get(i));
          for (int j = 0; j < weight.length; j++) {
            moved = Math.max(moved, Math.abs(weight[j] - mean[j]));
          }
        }
        assertTrue(moved > 1e-3, "trained weights differ from their average by up to " + moved);
      }
    }
  }

  @Test
  void aDecayOfOneIsAConfigError(@TempDir Path dir) {
    Exception e =
        assertThrows(
            ConfigException.class,
            () ->
                EndToEndTest.run(YAML.replace("ema_decay: 0.95", "ema_decay: 1"), dir, List.of()));
    assertTrue(e.getMessage().contains("training.ema_decay"), e.getMessage());
    assertTrue(e.getMessage().contains("below 1"), e.getMessage());
  }
}
