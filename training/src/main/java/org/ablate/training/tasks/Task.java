package org.ablate.training.tasks;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ablate.core.graph.GraphContext;
import org.ablate.models.DataSpec;
import org.ablate.models.Model;
import org.tensorflow.Session;

/**
 * Data plus objective: a task knows its dataset, builds the loss and evaluation ops for a model,
 * produces training batches and computes held-out metrics. Batches are a pure function of the seed
 * and the micro-step, so a resumed run sees exactly the data it would have seen.
 */
public abstract class Task {
  /** Sizes the model needs: vocabularies, classes, image shape. */
  public abstract DataSpec dataSpec();

  /**
   * Name of the training work unit for throughput, e.g. {@code target_tokens} or {@code images}.
   */
  public abstract String unit();

  /**
   * Builds training losses (one per graph key) and evaluation ops; called once, after the model is
   * built.
   */
  public abstract List<LossGraph> build(GraphContext context, Model model, double labelSmoothing);

  /** The training batch of 1-based micro-step {@code microStep}. */
  public abstract Batch trainBatch(long microStep);

  /**
   * Evaluates a held-out split: its metrics, named {@code <split>_<metric>}, the per-example
   * results for significance tests, and the decoded outputs of sequence tasks.
   */
  public abstract Evaluation evaluate(Session session, Split split);

  /**
   * Evaluates the task's extra test sets, if it has any, by name: metrics named {@code
   * test_<name>_<metric>}. None by default.
   */
  public Map<String, Evaluation> evaluateExtraTests(Session session) {
    return Map.of();
  }

  /** Saves what a later run needs to read this task's data the same way (tokenizers). */
  public void save(Path runDirectory) {}

  /**
   * Names of the metrics {@link #evaluate} reports, without the split prefix (loss, accuracy,
   * bleu...).
   */
  public abstract List<String> metricNames();

  /** Short description of the data for logs and {@code explain}. */
  public abstract String describe();

  /**
   * The names of a classification task's classes, by label, for reports (empty for other tasks, or
   * when the labels are their own names).
   */
  public List<String> classNames() {
    return List.of();
  }

  /**
   * Facts about the data that a run's results record, e.g. {@code train_pairs}, the number of
   * training examples (none by default).
   */
  public Map<String, Object> dataFacts() {
    return Map.of();
  }

  /** Dataset files and their roles, for provenance (may be empty). */
  public List<Path> dataFiles() {
    return List.of();
  }
}
