package org.ablate.training.testing;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Small Fashion-MNIST stand-ins for tests: the four IDX files in the real format (gzip, big-endian
 * magic numbers and counts, 28x28 unsigned bytes), written by the test itself, so that the real
 * reader is exercised on machines without the Debian package. Each class is a left-right asymmetric
 * bar at its own place, with noise, so a model can learn it and a mirror image differs from the
 * original.
 *
 * <pre>{@code
 * Path dir = FashionMnistFixture.dir(); // 5,200 training and 300 test images
 * new FashionMnistData(dir.toString(), 100, null, true, 0, 0);
 * }</pre>
 */
public final class FashionMnistFixture {
  /** Training images: more than the shipped configs' dev_size of 5,000. */
  public static final int TRAIN = 5200;

  public static final int TEST = 300;
  private static final int SIDE = 28;
  private static Path shared;

  private FashionMnistFixture() {}

  /** A folder with the four files, written once per JVM and deleted when it exits. */
  public static synchronized Path dir() {
    if (shared == null) {
      try {
        Path dir = Files.createTempDirectory("fashion-mnist-fixture");
        // deleted in the reverse order of registration: the files first, then their folder
        dir.toFile().deleteOnExit();
        write(dir, TRAIN, TEST, 7);
        for (Path p : Files.list(dir).toList()) {
          p.toFile().deleteOnExit();
        }
        shared = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  /**
   * Writes {@code train} training and {@code test} test images with their labels into {@code dir}.
   */
  public static void write(Path dir, int train, int test, long seed) throws IOException {
    Random random = new Random(seed);
    split(dir, "train", train, random);
    split(dir, "t10k", test, random);
  }

  private static void split(Path dir, String prefix, int n, Random random) throws IOException {
    int[] labels = new int[n];
    try (DataOutputStream images = gzip(dir.resolve(prefix + "-images-idx3-ubyte.gz"))) {
      images.writeInt(0x00000803);
      images.writeInt(n);
      images.writeInt(SIDE);
      images.writeInt(SIDE);
      for (int i = 0; i < n; i++) {
        labels[i] = random.nextInt(10);
        images.write(image(labels[i], random));
      }
    }
    try (DataOutputStream out = gzip(dir.resolve(prefix + "-labels-idx1-ubyte.gz"))) {
      out.writeInt(0x00000801);
      out.writeInt(n);
      for (int label : labels) {
        out.writeByte(label);
      }
    }
  }

  /** Class {@code c}: a vertical bar in columns 2c+2..2c+5 of the upper rows, plus faint noise. */
  private static byte[] image(int c, Random random) {
    byte[] pixels = new byte[SIDE * SIDE];
    for (int r = 0; r < SIDE; r++) {
      for (int col = 0; col < SIDE; col++) {
        boolean bar = r >= 3 && r < 20 && col >= 2 * c + 2 && col < 2 * c + 6;
        int value = bar ? 180 + random.nextInt(70) : random.nextInt(40);
        pixels[r * SIDE + col] = (byte) value;
      }
    }
    return pixels;
  }

  private static DataOutputStream gzip(Path file) throws IOException {
    OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16);
    return new DataOutputStream(new java.io.BufferedOutputStream(out, 1 << 16));
  }
}
