package org.ablate.training.tasks;

import java.util.Random;

/**
 * Random erasing (Zhong et al. 2020, Algorithm 1), a training-time augmentation: with probability
 * p, a rectangle covering a share s_e ~ U(0.02, 0.4) of the image, with aspect ratio r_e ~ U(0.3,
 * 1/0.3), is placed uniformly and its pixels replaced by uniform noise in [0, 1]. A draw that does
 * not fit inside the image is drawn again, as in the paper; after {@link #ATTEMPTS} misses the
 * image stays as it is, so a call always ends.
 *
 * <pre>{@code
 * float[] image = ...; // one 28x28 image, row-major, pixels in [0, 1]
 * RandomErasing.apply(image, 0, 28, 28, 0.5, new Random(seed));
 * }</pre>
 */
public final class RandomErasing {
  /** Area shares of the erased rectangle, the paper's s_l and s_h. */
  static final double MIN_AREA = 0.02;

  static final double MAX_AREA = 0.4;

  /** The paper's r_1: aspect ratios are drawn from [r_1, 1/r_1]. */
  static final double MIN_ASPECT = 0.3;

  static final int ATTEMPTS = 100;

  private RandomErasing() {}

  /**
   * Erases one rectangle of the row-major {@code height x width} image that starts at {@code
   * offset} in {@code pixels}, in place, with probability {@code p}; returns whether it did.
   */
  public static boolean apply(
      float[] pixels, int offset, int height, int width, double p, Random rng) {
    if (p <= 0 || rng.nextDouble() >= p) {
      return false;
    }
    double area = (double) height * width;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      double share = MIN_AREA + rng.nextDouble() * (MAX_AREA - MIN_AREA);
      double aspect = MIN_ASPECT + rng.nextDouble() * (1 / MIN_ASPECT - MIN_ASPECT);
      int h = (int) Math.round(Math.sqrt(share * area * aspect));
      int w = (int) Math.round(Math.sqrt(share * area / aspect));
      if (h < 1 || w < 1 || h > height || w > width) {
        continue;
      }
      int top = rng.nextInt(height - h + 1);
      int left = rng.nextInt(width - w + 1);
      for (int r = top; r < top + h; r++) {
        for (int c = left; c < left + w; c++) {
          pixels[offset + r * width + c] = rng.nextFloat();
        }
      }
      return true;
    }
    return false;
  }
}
