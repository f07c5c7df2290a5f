package org.ablate.training.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ablate.core.config.ConfigBinder;
import org.ablate.core.config.ConfigException;
import org.ablate.core.config.ConfigTree;
import org.ablate.core.testing.Tf;
import org.ablate.models.ClassifierModel;
import org.ablate.models.DataSpec;
import org.ablate.models.TestModels;
import org.ablate.training.config.EvalConfig;
import org.ablate.training.config.TrainingConfig;
import org.ablate.training.testing.TestRegistry;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** {@code eval.test_time_flip}: the prediction averages the probabilities of image and mirror. */
class TestTimeFlipTest {
  private static final int N = 40;
  private static final int CLASSES = 4;

  /** The two config sections the task reads. */
  public record Sections(TrainingConfig training, EvalConfig eval) {}

  private static Sections sections(boolean flip) {
    return new ConfigBinder(TestRegistry.REGISTRY)
        .bind(
            Sections.class,
            ConfigTree.parse(
                "training: {batch_size: 8}\neval: {batch_size: 16, test_time_flip: " + flip + "}",
                "test"));
  }

  /** N random 8x8 images whose dev part holds images 0..N-1 in order. */
  private static class Images implements ClassificationSource {
    final float[] pixels = new float[N * 64];
    final int[] labels = new int[N];

    Images() {
      Random rng = new Random(3);
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = rng.nextFloat();
      }
      for (int i = 0; i < N; i++) {
        labels[i] = rng.nextInt(CLASSES);
      }
    }

    @Override
    public ClassifierModel.Input input() {
      return ClassifierModel.Input.IMAGES;
    }

    @Override
    public DataSpec dataSpec() {
      return DataSpec.images(8, 8, 1, CLASSES);
    }

    @Override
    public int size(Part part) {
      return N;
    }

    @Override
    public Tensor inputs(Part part, int[] indices) {
      float[] out = new float[indices.length * 64];
      for (int i = 0; i < indices.length; i++) {
        System.arraycopy(pixels, indices[i] * 64, out, i * 64, 64);
      }
      return TFloat32.tensorOf(Shape.of(indices.length, 8, 8, 1), DataBuffers.of(out));
    }

    @Override
    public int label(Part part, int index) {
      return labels[index];
    }

    @Override
    public int length(Part part, int index) {
      return 1;
    }

    @Override
    public String describe() {
      return N + " random images";
    }
  }

  private static float[] softmax(float[] logits, int row) {
    float[] p = new float[CLASSES];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < CLASSES; c++) {
      max = Math.max(max, logits[row * CLASSES + c]);
    }
    double sum = 0;
    for (int c = 0; c < CLASSES; c++) {
      sum += Math.exp(logits[row * CLASSES + c] - max);
    }
    for (int c = 0; c < CLASSES; c++) {
      p[c] = (float) (Math.exp(logits[row * CLASSES + c] - max) / sum);
    }
    return p;
  }

  private static int argMax(float[] p) {
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      if (p[c] > p[best]) {
        best = c;
      }
    }
    return best;
  }

  private static float[] mirrored(float[] pixels) {
    float[] out = new float[pixels.length];
    for (int i = 0; i < N; i++) {
      for (int r = 0; r < 8; r++) {
        for (int c = 0; c < 8; c++) {
          out[i * 64 + r * 8 + c] = pixels[i * 64 + r * 8 + 7 - c];
        }
      }
    }
    return out;
  }

  /** A tiny untrained ViT and the task's graph on it, built in {@code tf}. */
  private static ClassifierModel buildViT(Tf tf, ClassificationTask task, Images source) {
    var model =
        (ClassifierModel)
            TestModels.create(
                "type: vit\npatch_size: 4\nd_model: 16\nheads: 2\nd_ff: 32\nlayers: 1\n",
                source.dataSpec());
    model.network().build(tf.context.params());
    task.build(tf.context, model, 0.1);
    return model;
  }

  @Test
  void predictionsAverageTheProbabilitiesOfTheImageAndItsMirror() {
    Images source = new Images();
    Sections s = sections(true);
    ClassificationTask task =
        new ClassificationTask(source, Batching.of(s.training()), s.eval(), 1);
    try (Tf tf = new Tf(11)) {
      ClassifierModel model = buildViT(tf, task, source);
      var ops = tf.context.tf();
      Operand<TFloat32> plain =
          model.logits(
              tf.context.call("check", false),
              ops.constant(Shape.of(N, 8, 8, 1), DataBuffers.of(source.pixels)));
      Operand<TFloat32> mirror =
          model.logits(
              tf.context.call("check_mirrored", false),
              ops.constant(Shape.of(N, 8, 8, 1), DataBuffers.of(mirrored(source.pixels))));
      try (Session session = new Session(tf.graph)) {
        session.initialize();
        float[] a = new float[N * CLASSES];
        float[] b = new float[N * CLASSES];
        try (var r = session.runner().fetch(plain).fetch(mirror).run()) {
          ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(a);
          ((TFloat32) r.get(1)).asRawTensor().data().asFloats().read(b);
        }
        Evaluation evaluation = task.evaluate(session, Split.DEV);
        Map<String, Double> metrics = evaluation.metrics();
        List<Map<String, Object>> details = evaluation.details();
        double loss = 0;
        int correct = 0;
        int singleCorrect = 0;
        int changed = 0;
        for (int i = 0; i < N; i++) {
          float[] pa = softmax(a, i);
          float[] pb = softmax(b, i);
          float[] mean = new float[CLASSES];
          for (int c = 0; c < CLASSES; c++) {
            mean[c] = (pa[c] + pb[c]) / 2;
          }
          int expected = argMax(mean);
          assertEquals((long) expected, details.get(i).get("predicted"), "image " + i);
          loss -= Math.log(mean[source.labels[i]]);
          correct += expected == source.labels[i] ? 1 : 0;
          singleCorrect += argMax(pa) == source.labels[i] ? 1 : 0;
          changed += argMax(pa) != expected ? 1 : 0;
        }
        assertTrue(changed > 0, "the mirror changes some predictions of the untrained model");
        assertEquals(loss / N, metrics.get("dev_loss"), 1e-5);
        assertEquals((double) correct / N, metrics.get("dev_accuracy"), 1e-9);
        assertEquals((double) singleCorrect / N, metrics.get("dev_accuracy_single_view"), 1e-9);
      }
    }
  }

  @Test
  void averagedLogitsAreTheLogOfTheMeanProbabilitiesWithoutOverflow() {
    try (Tf tf = new Tf()) {
      var ops = tf.context.tf();
      float ln3 = (float) Math.log(3);
      Operand<TFloat32> out =
          ClassificationTask.averageProbabilities(
              ops,
              ops.constant(new float[][] {{0, ln3}, {1000, 0}}),
              ops.constant(new float[][] {{ln3, 0}, {1000, 0}}));
      try (Session session = new Session(tf.graph);
          var r = session.runner().fetch(out).run()) {
        float[] v = new float[4];
        ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(v);
        // softmax [1/4, 3/4] and [3/4, 1/4] average to [1/2, 1/2].
        assertEquals(Math.log(0.5), v[0], 1e-6);
        assertEquals(Math.log(0.5), v[1], 1e-6);
        // softmax [1, e^-1000] twice: log 1 = 0 and about -1000, with no inf or NaN.
        assertEquals(0.0, v[2], 1e-6);
        assertEquals(-1000.0, v[3], 1e-3);
      }
    }
  }

  @Test
  void tokenSequencesAreRejectedWithTheKeyNamed() {
    ClassificationSource tokens =
        new Images() {
          @Override
          public ClassifierModel.Input input() {
            return ClassifierModel.Input.TOKENS;
          }

          @Override
          public DataSpec dataSpec() {
            return DataSpec.tokenClasses(12, CLASSES, 16);
          }
        };
    Sections s = sections(true);
    ClassificationTask task =
        new ClassificationTask(tokens, Batching.of(s.training()), s.eval(), 1);
    try (Tf tf = new Tf()) {
      var model =
          (ClassifierModel)
              TestModels.create(
                  "type: transformer_classifier\nd_model: 16\nheads: 2\nd_ff: 32\nlayers: 1\n",
                  tokens.dataSpec());
      model.network().build(tf.context.params());
      ConfigException e =
          assertThrows(ConfigException.class, () -> task.build(tf.context, model, 0.1));
      assertTrue(e.getMessage().contains("eval.test_time_flip"), e.getMessage());
    }
  }

  @Test
  void offByDefaultWithNoExtraMetric() {
    Images source = new Images();
    Sections s = sections(false);
    ClassificationTask task =
        new ClassificationTask(source, Batching.of(s.training()), s.eval(), 1);
    try (Tf tf = new Tf(11)) {
      buildViT(tf, task, source);
      try (Session session = new Session(tf.graph)) {
        session.initialize();
        Map<String, Double> metrics = task.evaluate(session, Split.DEV).metrics();
        assertEquals(List.of("dev_loss", "dev_accuracy"), List.copyOf(metrics.keySet()));
      }
    }
    assertEquals(false, sections(false).eval().testTimeFlip());
    assertEquals(
        false,
        new ConfigBinder(TestRegistry.REGISTRY)
            .bind(Sections.class, ConfigTree.parse("training: {}\neval: {}", "test"))
            .eval()
            .testTimeFlip());
  }
}
