package org.ablate.training.data;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Fashion-MNIST (Xiao et al. 2017) from its IDX files: {@code train-images-idx3-ubyte.gz} etc.
 * Pixels become floats in [0, 1].
 */
public final class FashionMnist {
  public static final int SIDE = 28;
  public static final int CLASSES = 10;
  public static final String[] LABELS = {
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot"
  };

  /** Images as {@code [n][28*28]} floats and labels. */
  public record Split(float[][] images, int[] labels) {
    public int size() {
      return labels.length;
    }
  }

  private FashionMnist() {}

  public static Split train(Path dir) {
    return read(dir, "train");
  }

  public static Split test(Path dir) {
    return read(dir, "t10k");
  }

  private static Split read(Path dir, String prefix) {
    Path images = dir.resolve(prefix + "-images-idx3-ubyte.gz");
    Path labels = dir.resolve(prefix + "-labels-idx1-ubyte.gz");
    for (Path p : new Path[] {images, labels}) {
      if (!Files.isRegularFile(p)) {
        throw new DataException(
            "Fashion-MNIST file "
                + p
                + " is missing. On Debian/Ubuntu install it with 'sudo apt-get install"
                + " dataset-fashion-mnist' (it lands in /usr/share/datasets/fashion-mnist); elsewhere download the four"
                + " IDX .gz files and set data.dir to their folder.");
      }
    }
    float[][] x = readImages(images);
    int[] y = readLabels(labels);
    if (x.length != y.length) {
      throw new DataException(
          images
              + " holds "
              + x.length
              + " images but "
              + labels
              + " holds "
              + y.length
              + " labels.");
    }
    return new Split(x, y);
  }

  private static DataInputStream open(Path p) throws IOException {
    InputStream in = Files.newInputStream(p);
    return new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(in), 1 << 16));
  }

  static float[][] readImages(Path p) {
    try (DataInputStream in = open(p)) {
      int magic = in.readInt();
      if (magic != 0x00000803) {
        throw new DataException(
            p
                + " is not an IDX image file (magic "
                + Integer.toHexString(magic)
                + ", expected 803).");
      }
      int n = in.readInt();
      int rows = in.readInt();
      int cols = in.readInt();
      if (rows != SIDE || cols != SIDE) {
        throw new DataException(
            p + " holds " + rows + "x" + cols + " images; Fashion-MNIST images are 28x28.");
      }
      float[][] out = new float[n][rows * cols];
      byte[] buf = new byte[rows * cols];
      for (int i = 0; i < n; i++) {
        in.readFully(buf);
        for (int j = 0; j < buf.length; j++) {
          out[i][j] = (buf[j] & 0xff) / 255f;
        }
      }
      return out;
    } catch (IOException e) {
      throw new DataException(
          p + " cannot be read (" + e.getMessage() + "); reinstall dataset-fashion-mnist.", e);
    }
  }

  static int[] readLabels(Path p) {
    try (DataInputStream in = open(p)) {
      int magic = in.readInt();
      if (magic != 0x00000801) {
        throw new DataException(
            p
                + " is not an IDX label file (magic "
                + Integer.toHexString(magic)
                + ", expected 801).");
      }
      int n = in.readInt();
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        out[i] = in.readUnsignedByte();
        if (out[i] >= CLASSES) {
          throw new DataException(
              p + ": label " + out[i] + " at index " + i + " is not a Fashion-MNIST class (0-9).");
        }
      }
      return out;
    } catch (IOException e) {
      throw new DataException(
          p + " cannot be read (" + e.getMessage() + "); reinstall dataset-fashion-mnist.", e);
    }
  }
}
