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
    int side = 4;
    int p = 2;
    int d = 3;
    try (Tf tf = new Tf()) {
      PatchEmbedding patches = new PatchEmbedding("patch_embedding", side, side, 1, p, d);
      patches.build(tf.context.params());
      assertEquals(4, patches.patches());
      assertEquals(p * p * d + d, patches.parameterCount());
      float[][][][] image = new float[1][side][side][1];
      for (int r = 0; r < side; r++) {
        for (int c = 0; c < side; c++) {
          image[0][r][c][0] = r * side + c;
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
      // patch n = (gr, gc) holds pixels (2gr + i, 2gc + j), flattened i-major.
      for (int n = 0; n < 4; n++) {
        int gr = n / 2;
        int gc = n % 2;
        for (int k = 0; k < d; k++) {
          double expected = 0;
          for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
              expected += image[0][gr * p + i][gc * p + j][0] * w[(i * p + j) * d + k];
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
