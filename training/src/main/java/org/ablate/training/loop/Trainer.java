package org.ablate.training.loop;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ablate.training.config.TrainingConfig;
import org.ablate.training.graph.Optimizer;
import org.ablate.training.graph.WeightAverage;
import org.ablate.training.tasks.Evaluation;
import org.ablate.training.tasks.Split;
import org.ablate.training.tasks.Task;
import org.tensorflow.Session;

/**
 * The training loop: per step, feed the batch, the learning rate from the schedule, Adam's
 * bias-correction powers and the dropout step seed; check the loss and gradient norm are finite;
 * log; every {@code eval_every} steps evaluate on dev, checkpoint, keep the best, and stop early or
 * at a budget. A stop request (Ctrl-C) checkpoints the current step and returns. With a weight
 * average, evaluation and checkpoints see the averaged weights.
 */
public final class Trainer {
  private final Session session;
  private final Task task;
  private final StepExecutor steps;
  private final Optimizer optimizer;
  private final TrainingConfig config;
  private final Checkpoints checkpoints;
  private final MetricsLog metrics;
  private final TensorBoard tensorBoard;
  private final AtomicBoolean stopRequested;
  private final Selection selection;
  private long pauseAfter;

  /** How training ended. */
  public record Outcome(TrainState state, String reason, Map<String, Double> lastDev) {}

  public Trainer(
      Session session,
      Task task,
      StepExecutor steps,
      Optimizer optimizer,
      TrainingConfig config,
      Checkpoints checkpoints,
      MetricsLog metrics,
      TensorBoard tensorBoard,
      AtomicBoolean stopRequested) {
    this.session = session;
    this.task = task;
    this.steps = steps;
    this.optimizer = optimizer;
    this.config = config;
    this.checkpoints = checkpoints;
    this.metrics = metrics;
    this.tensorBoard = tensorBoard;
    this.stopRequested = stopRequested;
    this.selection = new Selection(config);
  }

  /**
   * A test seam: after step {@code step} the trainer prints {@code paused after step N} and waits
   * for a stop request (or to be killed), so that fault tests interrupt a run at a known step
   * instead of racing it. 0 (the default) never pauses.
   */
  public Trainer pauseAfter(long step) {
    this.pauseAfter = step;
    return this;
  }

  /** Trains from {@code start} until the step limit, a budget, early stopping or a stop request. */
  public Outcome run(TrainState start, boolean interactive, java.io.PrintStream console) {
    TrainState state = start;
    long total = config.steps();
    long sessionStart = System.nanoTime();
    double baseSeconds = state.seconds();
    long intervalUnits = 0;
    long intervalStart = System.nanoTime();
    double ema = Double.NaN;
    Map<String, Double> lastDev = Map.of();
    String reason = "completed";
    try (StepExecutor executor = steps;
        Progress progress = new Progress("train", state.step(), total, console, interactive)) {
      if (config.maxMinutes() != null) {
        progress.budget(config.maxMinutes() * 60 - baseSeconds);
      }
      while (state.step() < total) {
        long step = state.step() + 1;
        double elapsed = baseSeconds + (System.nanoTime() - sessionStart) / 1e9;
        long scheduleStep =
            config.scheduleClock().scheduleStep(step, total, elapsed, config.maxMinutes());
        double lr = config.optimizer().lr() * config.schedule().factor(scheduleStep, total);
        StepExecutor.StepResult result;
        try (Optimizer.StepInputs inputs = optimizer.stepInputs(step, lr)) {
          result = executor.run(step, inputs);
        }
        double loss = result.loss();
        double norm = result.gradientNorm();
        long units = result.units();
        if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
          // the weights saved at step - 1 produced this loss: the good ones are older
          throw new NumericalFault(step, loss, norm, lastGoodCheckpoint(step - 1));
        }
        double seconds = baseSeconds + (System.nanoTime() - sessionStart) / 1e9;
        state =
            new TrainState(
                step,
                state.best(),
                state.bestStep(),
                state.badEvaluations(),
                seconds,
                state.units() + units,
                state.flops() + result.flops(),
                state.intervalLoss() + loss,
                state.intervalSteps() + 1,
                state.reference());
        ema = Double.isNaN(ema) ? loss : 0.98 * ema + 0.02 * loss;
        intervalUnits += units;
        if (config.budgetFlops() != null) {
          progress.budgetDone(
              (state.flops() - start.flops()) / (config.budgetFlops() - start.flops()));
        }
        progress.step(step, String.format(Locale.ROOT, "loss %.4f", ema));
        if (step % config.logEvery() == 0) {
          double dt = (System.nanoTime() - intervalStart) / 1e9;
          Map<String, Object> train = new LinkedHashMap<>();
          train.put("train_loss", state.intervalLoss() / state.intervalSteps());
          train.put("learning_rate", lr);
          train.put("gradient_norm", norm);
          train.put(task.unit() + "_per_second", intervalUnits / Math.max(dt, 1e-9));
          train.put("seconds", seconds);
          train.put("flops", (double) state.flops());
          metrics.append(step, "train", train);
          train.forEach(
              (k, v) -> tensorBoard.scalar("train/" + k, step, ((Number) v).doubleValue()));
          state =
              new TrainState(
                  step,
                  state.best(),
                  state.bestStep(),
                  state.badEvaluations(),
                  seconds,
                  state.units(),
                  state.flops(),
                  0,
                  0,
                  state.reference());
          intervalUnits = 0;
          intervalStart = System.nanoTime();
        }
        boolean timeUp = config.maxMinutes() != null && seconds >= config.maxMinutes() * 60;
        boolean unitsUp = config.maxUnits() != null && state.units() >= config.maxUnits();
        boolean flopsUp = config.budgetFlops() != null && state.flops() >= config.budgetFlops();
        if (step == pauseAfter) {
          waitForStopRequest(step, progress);
        }
        boolean stop = stopRequested.get();
        if (stop && !(step % config.evalEvery() == 0)) {
          save(step, state);
          reason = "interrupted";
          progress.println(
              "stopped at step "
                  + step
                  + "; checkpoint saved in "
                  + checkpoints.dir()
                  + " (resume with --resume)");
          break;
        }
        boolean evaluate =
            step % config.evalEvery() == 0 || step == total || timeUp || unitsUp || flopsUp;
        if (!evaluate && config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0) {
          save(step, state);
        }
        if (evaluate) {
          long evalStart = System.nanoTime();
          useAverage(true);
          Evaluation devEvaluation = task.evaluate(session, Split.DEV);
          lastDev = devEvaluation.metrics();
          checkFinite(step, lastDev);
          double evalSeconds = (System.nanoTime() - evalStart) / 1e9;
          state = selection.select(state, lastDev, devEvaluation.details());
          Map<String, Object> devLine = new LinkedHashMap<>(lastDev);
          devLine.put("seconds", state.seconds());
          devLine.put("eval_seconds", evalSeconds);
          metrics.append(step, "dev", devLine);
          lastDev.forEach((k, v) -> tensorBoard.scalar("dev/" + k.substring(4), step, v));
          tensorBoard.flush();
          Checkpoints.Entry entry = checkpoints.save(session, step, state.toMap());
          useAverage(false);
          if (state.bestStep() == step) {
            checkpoints.markBest(entry);
          }
          progress.println(summary(step, total, ema, lastDev, state));
          if (config.patience() > 0 && state.badEvaluations() >= config.patience()) {
            reason = "early_stopping";
            break;
          }
          if (timeUp) {
            reason = "time_budget";
            break;
          }
          if (unitsUp) {
            reason = "unit_budget";
            break;
          }
          if (flopsUp) {
            reason = "flop_budget";
            break;
          }
          if (stop) {
            reason = "interrupted";
            break;
          }
        }
      }
    }
    return new Outcome(state, reason, lastDev);
  }

  private void waitForStopRequest(long step, Progress progress) {
    progress.println("paused after step " + step + " until a stop request");
    while (!stopRequested.get()) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Stops training when a dev metric is NaN or infinite: such a checkpoint is never kept. */
  private void checkFinite(long step, Map<String, Double> dev) {
    for (Map.Entry<String, Double> m : dev.entrySet()) {
      if (!Double.isFinite(m.getValue())) {
        useAverage(false);
        throw new NumericalFault(
            step, "the dev metric " + m.getKey() + " is " + m.getValue(), lastGoodCheckpoint(step));
      }
    }
  }

  /** The newest intact checkpoint before {@code step}, named for the divergence message. */
  private String lastGoodCheckpoint(long step) {
    return checkpoints.valid().stream()
        .filter(e -> e.step() < step)
        .findFirst()
        .map(e -> "The last good checkpoint (step " + e.step() + ") is kept in " + e.dir() + ".")
        .orElse("No checkpoint had been written yet.");
  }

  /**
   * Checkpoints {@code step}, with the weight average in the weights' place if there is one (see
   * {@link WeightAverage}).
   */
  private void save(long step, TrainState state) {
    useAverage(true);
    checkpoints.save(session, step, state.toMap());
    useAverage(false);
  }

  /** Swaps the weight average in (true) or the trained weights back (false), if there is one. */
  private void useAverage(boolean average) {
    optimizer
        .average()
        .ifPresent(
            a -> {
              if (average) {
                a.useAverage(session);
              } else {
                a.useTrained(session);
              }
            });
  }

  private String summary(
      long step, long total, double loss, Map<String, Double> dev, TrainState state) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "step %d/%d | train_loss %.4f |", step, total, loss));
    dev.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %.4g", k, v)));
    if (config.selectsLast()) {
      sb.append(String.format(Locale.ROOT, " | %.0fs", state.seconds()));
    } else {
      sb.append(
          String.format(
              Locale.ROOT,
              " | best %s %.4g, selected step %d | %.0fs",
              config.selectBy(),
              state.best(),
              state.bestStep(),
              state.seconds()));
    }
    return sb.toString();
  }
}
