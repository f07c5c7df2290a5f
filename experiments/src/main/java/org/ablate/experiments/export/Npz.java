package org.ablate.experiments.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes NumPy {@code .npz} archives: a zip of {@code .npy} v1.0 arrays (little-endian float32, C
 * order), readable with {@code numpy.load}.
 */
public final class Npz {
  private Npz() {}

  /** One array: its shape and row-major values. */
  public record Array(long[] shape, float[] values) {}

  public static void write(OutputStream out, Map<String, Array> arrays) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, Array> e : arrays.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
        zip.write(npy(e.getValue()));
        zip.closeEntry();
      }
    }
  }

  /** The {@code .npy} bytes of one float32 array. */
  static byte[] npy(Array a) {
    String shape =
        a.shape().length == 1
            ? "(" + a.shape()[0] + ",)"
            : Arrays.stream(a.shape())
                .mapToObj(Long::toString)
                .collect(Collectors.joining(", ", "(", ")"));
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
    int unpadded = 10 + dict.length() + 1;
    int padded = (unpadded + 63) / 64 * 64;
    String header = dict + " ".repeat(padded - unpadded) + "\n";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    int len = header.length();
    bytes.write(len & 0xff);
    bytes.write((len >> 8) & 0xff);
    bytes.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
    ByteBuffer data = ByteBuffer.allocate(4 * a.values().length).order(ByteOrder.LITTLE_ENDIAN);
    data.asFloatBuffer().put(a.values());
    bytes.writeBytes(data.array());
    return bytes.toByteArray();
  }
}
