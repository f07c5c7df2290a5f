package org.ablate.training.tasks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ablate.core.config.ConfigException;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.GraphContext;
import org.ablate.models.ClassifierModel;
import org.ablate.models.DataSpec;
import org.ablate.models.Model;
import org.ablate.training.config.EvalConfig;
import org.ablate.training.data.BatchPlan;
import org.ablate.training.graph.Losses;
import org.ablate.training.tasks.ClassificationSource.Part;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Classification with label-smoothed cross-entropy; reports loss and accuracy per split. With
 * {@code eval.test_time_flip} an image's prediction averages the class probabilities of the image
 * and its mirror image, and the accuracy of the unmirrored image alone is reported beside it as
 * {@code <split>_accuracy_single_view}.
 */
public final class ClassificationTask extends Task {
  private final ClassificationSource source;
  private final EvalConfig eval;
  private final BatchPlan plan;
  private final long seed;
  private Placeholder<?> input;
  private Placeholder<TInt32> labels;
  private Losses.Terms evalTerms;
  private Operand<TInt64> predictions;
  private Operand<TInt64> singleViewPredictions;

  ClassificationTask(ClassificationSource source, Batching batching, EvalConfig eval, long seed) {
    this.source = source;
    this.eval = eval;
    this.seed = seed & Long.MAX_VALUE;
    int n = source.size(Part.TRAIN);
    int[] lengths = new int[n];
    int longest = 1;
    for (int i = 0; i < n; i++) {
      lengths[i] = source.length(Part.TRAIN, i);
      longest = Math.max(longest, lengths[i]);
    }
    List<Integer> buckets = new ArrayList<>();
    for (int b = 8; b < longest; b *= 2) {
      buckets.add(b);
    }
    buckets.add(longest);
    this.plan = new BatchPlan(lengths, buckets, batching.unit(), batching.batchSize(), seed);
  }

  @Override
  public DataSpec dataSpec() {
    return source.dataSpec();
  }

  @Override
  public String unit() {
    return source.input() == ClassifierModel.Input.IMAGES ? "images" : "examples";
  }

  @Override
  public String describe() {
    return source.describe() + ", " + plan.batchesPerEpoch() + " batches per epoch";
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object>[] newDetails(int n) {
    return new Map[n];
  }

  @Override
  public List<String> metricNames() {
    return List.of("loss", "accuracy");
  }

  @Override
  public List<String> classNames() {
    return source.classNames();
  }

  @Override
  public List<Path> dataFiles() {
    return source.files();
  }

  @Override
  public void save(Path runDirectory) {
    source.save(runDirectory);
  }

  @Override
  public List<LossGraph> build(GraphContext context, Model model, double labelSmoothing) {
    if (!(model instanceof ClassifierModel classifier) || classifier.input() != source.input()) {
      String needed =
          source.input() == ClassifierModel.Input.IMAGES
              ? "vit, cnn or rnn_rows"
              : "transformer_classifier";
      throw new ConfigException(
          "model "
              + model.network().name()
              + " cannot be trained on this classification data; use model.type "
              + needed
              + ".");
    }
    DataSpec spec = source.dataSpec();
    Ops in = context.tf().withSubScope("inputs");
    input =
        source.input() == ClassifierModel.Input.IMAGES
            ? in.withName("images")
                .placeholder(
                    TFloat32.class,
                    Placeholder.shape(
                        Shape.of(-1, spec.imageHeight(), spec.imageWidth(), spec.channels())))
            : in.withName("tokens").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
    labels = in.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    CallScope train = context.call("train", true);
    Losses.Terms terms =
        Losses.crossEntropy(
            train.tf(),
            classifier.logits(train, input),
            labels,
            null,
            spec.classes(),
            labelSmoothing);
    CallScope ev = context.call("eval", false);
    Operand<TFloat32> logits = classifier.logits(ev, input);
    if (eval.testTimeFlip()) {
      if (source.input() != ClassifierModel.Input.IMAGES) {
        throw new ConfigException(
            "eval.test_time_flip mirrors images, but this data has token sequences; remove the key"
                + " or set it to false.");
      }
      CallScope mirror = context.call("eval_mirrored", false);
      Operand<TFloat32> mirrored =
          classifier.logits(
              mirror, mirror.tf().reverse(input, mirror.tf().constant(new int[] {2})));
      singleViewPredictions = mostLikely(ev.tf(), logits);
      logits = averageProbabilities(ev.tf(), logits, mirrored);
    }
    evalTerms = Losses.crossEntropy(ev.tf(), logits, labels, null, spec.classes(), 0.0);
    predictions = mostLikely(ev.tf(), logits);
    return List.of(new LossGraph("all", terms, terms.mean(train.tf())));
  }

  /** The class with the largest logit, per example. */
  private static Operand<TInt64> mostLikely(Ops tf, Operand<TFloat32> logits) {
    return tf.math.argMax(logits, tf.constant(-1), TInt64.class);
  }

  /**
   * Log of the mean of two softmax distributions, {@code log((softmax(a) + softmax(b)) / 2)}, as
   * logits: computed from log-softmax with the larger term factored out, so it cannot overflow.
   */
  static Operand<TFloat32> averageProbabilities(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b) {
    Operand<TFloat32> la = tf.nn.logSoftmax(a);
    Operand<TFloat32> lb = tf.nn.logSoftmax(b);
    Operand<TFloat32> top = tf.math.maximum(la, lb);
    Operand<TFloat32> sum =
        tf.math.add(tf.math.exp(tf.math.sub(la, top)), tf.math.exp(tf.math.sub(lb, top)));
    return tf.math.add(top, tf.math.log(tf.math.mul(sum, tf.constant(0.5f))));
  }

  private Map<Operand<?>, Tensor> feeds(Part part, int[] indices) {
    return feeds(part, indices, -1);
  }

  /** Feeds of a batch; a seed of 0 or more draws training-time augmentation. */
  private Map<Operand<?>, Tensor> feeds(Part part, int[] indices, long seed) {
    int[] y = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      y[i] = source.label(part, indices[i]);
    }
    Map<Operand<?>, Tensor> feeds = new LinkedHashMap<>();
    feeds.put(input, seed >= 0 ? source.inputs(part, indices, seed) : source.inputs(part, indices));
    feeds.put(labels, TInt32.vectorOf(y));
    return feeds;
  }

  @Override
  public Batch trainBatch(long microStep) {
    int[] indices = plan.batch(microStep - 1);
    return new Batch(
        "all",
        feeds(Part.TRAIN, indices, (seed ^ microStep * 0x9E3779B97F4A7C15L) & Long.MAX_VALUE),
        indices.length);
  }

  @Override
  public Evaluation evaluate(Session session, Split split) {
    Part part = split == Split.DEV ? Part.DEV : Part.TEST;
    int n = source.size(part);
    double loss = 0;
    double correct = 0;
    int singleViewCorrect = 0;
    Map<String, Object>[] perExample = newDetails(n);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    order.sort(java.util.Comparator.comparingInt(i -> source.length(part, i)));
    for (int from = 0; from < n; from += eval.batchSize()) {
      int[] indices =
          order.subList(from, Math.min(n, from + eval.batchSize())).stream()
              .mapToInt(Integer::intValue)
              .toArray();
      Map<Operand<?>, Tensor> feeds = feeds(part, indices);
      Session.Runner runner = session.runner();
      feeds.forEach(runner::feed);
      runner.fetch(evalTerms.lossSum()).fetch(evalTerms.correct()).fetch(predictions);
      if (singleViewPredictions != null) {
        runner.fetch(singleViewPredictions);
      }
      try (Result r = runner.run()) {
        loss += ((TFloat32) r.get(0)).getFloat();
        correct += ((TFloat32) r.get(1)).getFloat();
        TInt64 predicted = (TInt64) r.get(2);
        for (int i = 0; i < indices.length; i++) {
          int label = source.label(part, indices[i]);
          long p = predicted.getLong(i);
          perExample[indices[i]] =
              Map.of("label", label, "predicted", p, "correct", p == label ? 1 : 0);
          if (singleViewPredictions != null && ((TInt64) r.get(3)).getLong(i) == label) {
            singleViewCorrect++;
          }
        }
      } finally {
        feeds.values().forEach(Tensor::close);
      }
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put(split.prefix() + "_loss", loss / n);
    metrics.put(split.prefix() + "_accuracy", correct / n);
    if (singleViewPredictions != null) {
      metrics.put(split.prefix() + "_accuracy_single_view", (double) singleViewCorrect / n);
    }
    return new Evaluation(metrics, List.of(perExample), List.of());
  }
}
