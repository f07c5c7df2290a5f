package org.ablate.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The reader on the real Fashion-MNIST files (Debian package dataset-fashion-mnist). Tagged {@code
 * real-data}: it runs only with {@code mvn verify -Preal-data}, which {@code .ci/run} uses after
 * installing the package; every other test uses files it writes itself.
 */
@Tag("real-data")
class FashionMnistRealDataTest {
  private static final Path DIR =
      Path.of(System.getProperty("ablate.fashion.dir", "/usr/share/datasets/fashion-mnist"));

  private static void checkSplit(FashionMnist.Split split, int size) {
    assertEquals(size, split.size());
    int[] perClass = new int[FashionMnist.CLASSES];
    for (int label : split.labels()) {
      perClass[label]++;
    }
    for (int count : perClass) {
      assertEquals(size / FashionMnist.CLASSES, count, "the dataset is balanced");
    }
    float max = 0;
    for (float[] image : split.images()) {
      assertEquals(FashionMnist.SIDE * FashionMnist.SIDE, image.length);
      for (float p : image) {
        assertTrue(p >= 0 && p <= 1, "pixels scaled to [0, 1]");
        max = Math.max(max, p);
      }
    }
    assertEquals(1f, max, "full-intensity pixels exist");
  }

  @Test
  void readsTheSixtyThousandTrainingAndTenThousandTestImages() {
    checkSplit(FashionMnist.train(DIR), 60_000);
    checkSplit(FashionMnist.test(DIR), 10_000);
  }
}
