package org.ablate.layers.position;

/** Stateless position tables. */
public final class PositionalEncodings {
  private PositionalEncodings() {}

  /**
   * The sinusoidal table of Vaswani et al. (2017), section 3.5, {@code [maxLength, d]}: PE(pos, 2i)
   * = sin(pos / 10000^(2i/d)) and PE(pos, 2i+1) = cos(pos / 10000^(2i/d)). Computed in double
   * precision.
   */
  public static float[][] sinusoidal(int maxLength, int d) {
    float[][] table = new float[maxLength][d];
    for (int pos = 0; pos < maxLength; pos++) {
      for (int j = 0; j < d; j++) {
        int twoI = j - (j % 2);
        double angle = pos / Math.pow(10000.0, (double) twoI / d);
        table[pos][j] = (float) (j % 2 == 0 ? Math.sin(angle) : Math.cos(angle));
      }
    }
    return table;
  }
}
