package org.ablate.training.tasks;

import java.nio.file.Path;
import java.util.List;
import org.ablate.core.config.ConfigException;
import org.ablate.models.ClassifierModel;
import org.ablate.models.DataSpec;
import org.ablate.training.config.FashionMnistData;
import org.ablate.training.data.FashionMnist;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Fashion-MNIST: the last dev_size training images form the dev split; t10k is the test split. */
final class FashionMnistSource implements ClassificationSource {
  private final FashionMnistData config;
  private final FashionMnist.Split all;
  private final FashionMnist.Split test;
  private final int trainSize;

  FashionMnistSource(FashionMnistData config) {
    this.config = config;
    this.all = FashionMnist.train(Path.of(config.dir()));
    this.test = FashionMnist.test(Path.of(config.dir()));
    if (config.devSize() >= all.size()) {
      throw new ConfigException(
          "data.dev_size="
              + config.devSize()
              + " leaves no training images (there are "
              + all.size()
              + ").");
    }
    int available = all.size() - config.devSize();
    this.trainSize =
        config.trainLimit() == null
            ? available
            : Math.min(available, Math.max(1, config.trainLimit()));
  }

  @Override
  public ClassifierModel.Input input() {
    return ClassifierModel.Input.IMAGES;
  }

  @Override
  public DataSpec dataSpec() {
    return DataSpec.images(FashionMnist.SIDE, FashionMnist.SIDE, 1, FashionMnist.CLASSES);
  }

  @Override
  public int size(Part part) {
    return switch (part) {
      case TRAIN -> trainSize;
      case DEV -> config.devSize();
      case TEST -> test.size();
    };
  }

  private int offset(Part part) {
    return part == Part.DEV ? all.size() - config.devSize() : 0;
  }

  private FashionMnist.Split data(Part part) {
    return part == Part.TEST ? test : all;
  }

  @Override
  public Tensor inputs(Part part, int[] indices) {
    int pixels = FashionMnist.SIDE * FashionMnist.SIDE;
    float[] flat = new float[indices.length * pixels];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(data(part).images()[offset(part) + indices[i]], 0, flat, i * pixels, pixels);
    }
    return TFloat32.tensorOf(
        Shape.of(indices.length, FashionMnist.SIDE, FashionMnist.SIDE, 1),
        DataBuffers.of(flat, true, false));
  }

  /**
   * Training images with random flips, shifts and erasing (when configured), drawn from {@code
   * seed}. Erasing draws from the same stream after an image's flip and shift, and only when it is
   * on, so runs without it see the images they always did.
   */
  @Override
  public Tensor inputs(Part part, int[] indices, long seed) {
    if (part != Part.TRAIN || (!config.flip() && config.shift() == 0 && config.erase() == 0)) {
      return inputs(part, indices);
    }
    int side = FashionMnist.SIDE;
    int pixels = side * side;
    java.util.Random rng = new java.util.Random(org.ablate.core.graph.GraphContext.mix(seed));
    float[] flat = new float[indices.length * pixels];
    for (int i = 0; i < indices.length; i++) {
      float[] image = data(part).images()[offset(part) + indices[i]];
      boolean mirror = config.flip() && rng.nextBoolean();
      int dy = config.shift() == 0 ? 0 : rng.nextInt(2 * config.shift() + 1) - config.shift();
      int dx = config.shift() == 0 ? 0 : rng.nextInt(2 * config.shift() + 1) - config.shift();
      for (int r = 0; r < side; r++) {
        int sr = r - dy;
        if (sr < 0 || sr >= side) {
          continue;
        }
        for (int c = 0; c < side; c++) {
          int sc = c - dx;
          if (sc < 0 || sc >= side) {
            continue;
          }
          flat[i * pixels + r * side + c] = image[sr * side + (mirror ? side - 1 - sc : sc)];
        }
      }
      RandomErasing.apply(flat, i * pixels, side, side, config.erase(), rng); // no draw at 0
    }
    return TFloat32.tensorOf(
        Shape.of(indices.length, side, side, 1), DataBuffers.of(flat, true, false));
  }

  @Override
  public int label(Part part, int index) {
    return data(part).labels()[offset(part) + index];
  }

  @Override
  public int length(Part part, int index) {
    return 1;
  }

  @Override
  public List<String> classNames() {
    return List.of(FashionMnist.LABELS);
  }

  @Override
  public String describe() {
    return "Fashion-MNIST from "
        + config.dir()
        + ": "
        + trainSize
        + " training, "
        + config.devSize()
        + " dev, "
        + test.size()
        + " test images";
  }

  @Override
  public List<Path> files() {
    Path dir = Path.of(config.dir());
    return List.of(
        dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"),
        dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"));
  }
}
