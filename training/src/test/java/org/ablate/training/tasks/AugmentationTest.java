package org.ablate.training.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.ablate.training.config.FashionMnistData;
import org.ablate.training.tasks.ClassificationSource.Part;
import org.ablate.training.testing.FashionMnistFixture;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat32;

/** Training-time augmentation of Fashion-MNIST, on IDX files the test writes. */
class AugmentationTest {
  private static float[] pixels(org.tensorflow.Tensor t) {
    float[] out = new float[(int) t.shape().size()];
    ((TFloat32) t).asRawTensor().data().asFloats().read(out);
    t.close();
    return out;
  }

  @Test
  void flipsMirrorRowsAndAreAPureFunctionOfTheSeed() {
    FashionMnistSource flips =
        new FashionMnistSource(
            new FashionMnistData(FashionMnistFixture.dir().toString(), 5000, 100, true, 0, 0));
    int[] one = {7};
    float[] plain = pixels(flips.inputs(Part.TRAIN, one));
    int mirrored = 0;
    for (long seed = 0; seed < 20; seed++) {
      float[] a = pixels(flips.inputs(Part.TRAIN, one, seed));
      assertArrayEquals(a, pixels(flips.inputs(Part.TRAIN, one, seed)), "same seed, same image");
      boolean same = java.util.Arrays.equals(a, plain);
      if (!same) {
        mirrored++;
        for (int r = 0; r < 28; r++) {
          for (int c = 0; c < 28; c++) {
            assertEquals(plain[r * 28 + 27 - c], a[r * 28 + c], "left-right mirror");
          }
        }
      }
    }
    assertTrue(mirrored > 3 && mirrored < 17, mirrored + " of 20 mirrored");
  }

  @Test
  void shiftsMoveTheImageAndNeverTouchEvaluationSplits() {
    FashionMnistSource shifts =
        new FashionMnistSource(
            new FashionMnistData(FashionMnistFixture.dir().toString(), 5000, 100, false, 2, 0));
    int[] one = {3};
    float[] plain = pixels(shifts.inputs(Part.TRAIN, one));
    float sum = 0;
    float shiftedSum = 0;
    float[] shifted = pixels(shifts.inputs(Part.TRAIN, one, 11));
    for (int i = 0; i < plain.length; i++) {
      sum += plain[i];
      shiftedSum += shifted[i];
    }
    assertTrue(shiftedSum <= sum + 1e-3, "a shift only moves pixels out, never adds ink");
    assertArrayEquals(
        pixels(shifts.inputs(Part.DEV, one)),
        pixels(shifts.inputs(Part.DEV, one, 11)),
        "dev images are never augmented");
    assertArrayEquals(
        pixels(shifts.inputs(Part.TEST, one)),
        pixels(shifts.inputs(Part.TEST, one, 11)),
        "test images are never augmented");
  }

  @Test
  void fashionMnistErasesTrainingImagesOnlyAndAsAFunctionOfTheSeed() {
    FashionMnistSource erasing =
        new FashionMnistSource(
            new FashionMnistData(FashionMnistFixture.dir().toString(), 5000, 100, false, 0, 1.0));
    int[] one = {5};
    float[] plain = pixels(erasing.inputs(Part.TRAIN, one));
    float[] erased = pixels(erasing.inputs(Part.TRAIN, one, 3));
    assertFalse(Arrays.equals(plain, erased), "p = 1 changes every training image");
    assertArrayEquals(erased, pixels(erasing.inputs(Part.TRAIN, one, 3)), "same seed, same image");
    assertFalse(Arrays.equals(erased, pixels(erasing.inputs(Part.TRAIN, one, 4))), "other seed");
    for (Part part : new Part[] {Part.DEV, Part.TEST}) {
      assertArrayEquals(
          pixels(erasing.inputs(part, one)),
          pixels(erasing.inputs(part, one, 3)),
          part + " images are never erased");
    }
  }
}
