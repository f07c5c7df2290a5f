package org.ablate.layers.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ablate.core.graph.Param;
import org.ablate.core.testing.Tf;
import org.junit.jupiter.api.Test;

class VisionTest {
  @Test
  void patchesAreTokensInRowMajorOrder() {
    checkPatchEmbedding(0);
  }

  @Test
  void overlappingPatchesAlsoSeeTheirNeighboursPixels() {
    checkPatchEmbedding(1); // 4 x 4 windows around 2 x 2 patches, zeros beyond the border
  }

  /** Each token equals the hand-computed projection of its (p + 2m)^2 window, i-major. */
  private static void checkPatchEmbedding(int m) {
    int side = 4;
    int p = 2;
    int d = 3;
    int window = p + 2 * m;
    try (Tf tf = new Tf()) {
      PatchEmbedding patches = new PatchEmbedding("patch_embedding", side, side, 1, p, m, d);
      patches.build(tf.context.params());
      assertEquals(4, patches.patches());
      assertEquals(window * window * d + d, patches.parameterCount());
      float[][][][] image = new float[1][side][side][1];
      for (int r = 0; r < side; r++) {
        for (int c = 0; c < side; c++) {
          image[0][r][c][0] = r * side + c + 1;
        }
      }
      var input = tf.context.tf().constant(org.tensorflow.ndarray.StdArrays.ndCopyOf(image));
      float[] out = tf.run(patches.call(tf.context.call("c", false), input));
      Param kernel =
          patches.allParams().stream()
              .filter(q -> q.name().endsWith("kernel"))
              .findFirst()
              .orElseThrow();
      float[] w = tf.run(kernel.variable());
      // token n = (gr, gc) holds pixels (2gr + i - m, 2gc + j - m), flattened i-major.
      for (int n = 0; n < 4; n++) {
        int gr = n / 2;
        int gc = n % 2;
        for (int k = 0; k < d; k++) {
          double expected = 0;
          for (int i = 0; i < window; i++) {
            for (int j = 0; j < window; j++) {
              int r = gr * p + i - m;
              int c = gc * p + j - m;
              boolean inside = r >= 0 && r < side && c >= 0 && c < side;
              expected += (inside ? image[0][r][c][0] : 0) * w[(i * window + j) * d + k];
            }
          }
          assertEquals(expected, out[n * d + k], 1e-4, "patch " + n);
        }
      }
    }
  }

  @Test
  void rejectsAPatchSizeThatDoesNotTileTheImage() {
    assertThrows(IllegalArgumentException.class, () -> new PatchEmbedding("p", 28, 28, 1, 5, 8));
    assertThrows(IllegalArgumentException.class, () -> new PatchEmbedding("p", 28, 28, 1, 7, 8, 8));
  }

  @Test
  void classTokenIsPrependedToEverySequence() {
    try (Tf tf = new Tf()) {
      ClassToken cls = new ClassToken("class_token", 2);
      cls.build(tf.context.params());
      var x = tf.input(new float[][][] {{{1, 2}}, {{3, 4}}});
      assertArrayEquals(new long[] {2, 2, 2}, tf.shape(cls.call(tf.context.call("c", false), x)));
      assertArrayEquals(
          new float[] {0, 0, 1, 2, 0, 0, 3, 4}, tf.run(cls.call(tf.context.call("d", false), x)));
    }
  }
}
