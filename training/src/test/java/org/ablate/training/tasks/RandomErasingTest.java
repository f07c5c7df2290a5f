package org.ablate.training.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random erasing as Zhong et al. (2020) describe it, on images the test builds. */
class RandomErasingTest {
  private static final float INK = 2f; // outside the noise's [0, 1), so erased pixels show

  @Test
  void erasesOneRectangleOfTwoToFortyPercentWithTheAspectsOfThePaper() {
    Random rng = new Random(5);
    int side = 28;
    for (int trial = 0; trial < 500; trial++) {
      float[] pixels = new float[3 * side * side];
      Arrays.fill(pixels, INK);
      assertTrue(RandomErasing.apply(pixels, side * side, side, side, 1.0, rng), "p = 1 erases");
      int top = side;
      int bottom = -1;
      int left = side;
      int right = -1;
      int erased = 0;
      for (int i = 0; i < pixels.length; i++) {
        if (pixels[i] == INK) {
          continue;
        }
        assertTrue(i >= side * side && i < 2 * side * side, "only the middle image changes");
        assertTrue(pixels[i] >= 0 && pixels[i] < 1, "uniform noise in [0, 1)");
        int r = (i - side * side) / side;
        int c = (i - side * side) % side;
        top = Math.min(top, r);
        bottom = Math.max(bottom, r);
        left = Math.min(left, c);
        right = Math.max(right, c);
        erased++;
      }
      int h = bottom - top + 1;
      int w = right - left + 1;
      assertEquals(h * w, erased, "the erased pixels fill their bounding box: one rectangle");
      // rounding each side to whole pixels moves the share and the aspect a little
      double share = (double) erased / (side * side);
      assertTrue(share > 0.01 && share < 0.45, "area share " + share);
      double aspect = (double) h / w;
      assertTrue(aspect > 0.2 && aspect < 5, "aspect " + aspect);
    }
  }

  @Test
  void erasesWithTheConfiguredProbabilityAndNeverAtZero() {
    Random rng = new Random(9);
    int hits = 0;
    for (int trial = 0; trial < 2000; trial++) {
      float[] pixels = new float[28 * 28];
      if (RandomErasing.apply(pixels, 0, 28, 28, 0.25, rng)) {
        hits++;
      }
      float[] untouched = new float[28 * 28];
      Arrays.fill(untouched, INK);
      assertFalse(RandomErasing.apply(untouched, 0, 28, 28, 0.0, rng));
      assertTrue(untouched[0] == INK && untouched[783] == INK);
    }
    assertTrue(hits > 420 && hits < 580, hits + " of 2000 erased at p = 0.25");
  }
}
