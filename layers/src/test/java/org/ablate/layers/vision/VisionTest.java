package org.ablate.layers.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.ablate.core.graph.Layer;
import org.ablate.core.graph.Param;
import org.ablate.core.testing.Tf;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat32;

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
      float[] w = tf.run(param(patches, "kernel").variable());
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

  /**
   * One 3x3 stride-2 convolution of a 4x4 image gives 2x2: "same" padding adds one zero row and
   * column at the bottom and right only, so output (r, c) sums the window of pixels (2r + i, 2c +
   * j), i, j in 0..2, times the kernel, plus the bias (zero at the start), through a ReLU. The
   * image and its negative give each sum once with either sign, so every value is checked on the
   * ReLU's open side once.
   */
  @Test
  void convStemConvolvesWithStrideTwoAndSamePaddingAtTheBottomRight() {
    try (Tf tf = new Tf()) {
      ConvStem stem = new ConvStem("stem", 4, 4, 1, List.of(2));
      stem.build(tf.context.params());
      assertEquals(2, stem.outHeight());
      assertEquals(2, stem.outWidth());
      assertEquals(2, stem.outChannels());
      assertEquals(3 * 3 * 2 + 2, stem.parameterCount());
      float[] w = tf.run(param(stem, "kernel").variable()); // [3, 3, 1, 2]
      for (int sign : new int[] {1, -1}) {
        float[][][][] image = new float[1][4][4][1];
        for (int r = 0; r < 4; r++) {
          for (int c = 0; c < 4; c++) {
            image[0][r][c][0] = sign * (r * 4 + c + 1);
          }
        }
        var input = tf.context.tf().constant(org.tensorflow.ndarray.StdArrays.ndCopyOf(image));
        float[] out = tf.run(stem.call(tf.context.call("c" + sign, false), input));
        for (int r = 0; r < 2; r++) {
          for (int c = 0; c < 2; c++) {
            for (int k = 0; k < 2; k++) {
              double sum = 0;
              for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                  int y = 2 * r + i;
                  int x = 2 * c + j;
                  sum += (y < 4 && x < 4 ? image[0][y][x][0] : 0) * w[(i * 3 + j) * 2 + k];
                }
              }
              String at = "sign " + sign + ", output " + r + "," + c + "," + k;
              assertEquals(Math.max(0, sum), out[(r * 2 + c) * 2 + k], 1e-4, at);
            }
          }
        }
      }
    }
  }

  @Test
  void convStemHalvesTheSideOncePerConvolutionRoundingUp() {
    try (Tf tf = new Tf()) {
      ConvStem stem = new ConvStem("stem", 28, 28, 1, List.of(4, 8, 16));
      stem.build(tf.context.params());
      var images =
          tf.context.tf().zeros(tf.context.tf().constant(new int[] {2, 28, 28, 1}), TFloat32.class);
      assertArrayEquals(
          new long[] {2, 4, 4, 16}, tf.shape(stem.call(tf.context.call("c", false), images)));
      assertEquals(4, stem.outHeight());
      assertEquals(16, stem.outChannels());
    }
  }

  private static Param param(Layer layer, String suffix) {
    return layer.allParams().stream()
        .filter(q -> q.name().endsWith(suffix))
        .findFirst()
        .orElseThrow();
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
