package org.ablate.training.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ablate.training.io.AtomicFiles;
import org.ablate.training.io.JsonFiles;

/**
 * The token ids of a corpus' training pairs in binary files, memory-mapped, as fairseq's binarized
 * datasets are: the pairs are tokenized once, and a run, or any later run with the same corpus file
 * and tokenizers, reads them from the page cache instead of holding them on the Java heap.
 *
 * <p>A cache is a folder ({@link #name}) named by a hash of everything its content depends on: the
 * corpus file's path, size and modification time, the training subset, and the tokenizers'
 * descriptions. It holds {@code tokens.bin} (every pair's source ids, then its target ids, as
 * little-endian int32), {@code index.bin} (per pair: int64 offset into the tokens, int32 source
 * length, int32 target length) and {@code meta.json}. It is built in a temporary sibling folder and
 * renamed into place when whole, so a reader never sees half a cache, two runs building the same
 * one at once both end with a whole one, and an interrupted build leaves nothing.
 */
public final class TokenCache {
  static final String TOKENS = "tokens.bin";
  static final String INDEX = "index.bin";
  static final String META = "meta.json";
  private static final int FORMAT = 1;
  private static final int INDEX_BYTES = 16;
  private final Path folder;
  private final int size;
  private final MappedFile tokens;
  private final MappedFile index;

  private TokenCache(Path folder, int size, MappedFile tokens, MappedFile index) {
    this.folder = folder;
    this.size = size;
    this.tokens = tokens;
    this.index = index;
  }

  /** Receives the pairs of a cache being built, in order. */
  public interface Sink {
    void add(int[] source, int[] target) throws IOException;
  }

  /** Writes every pair of the cache to the sink. */
  @FunctionalInterface
  public interface Filler {
    void fill(Sink sink) throws IOException;
  }

  /** The folder name of a cache whose content depends on {@code key} (any text naming it). */
  public static String name(String key) {
    return "train-" + String.format(Locale.ROOT, "%016x", TextSample.hash(key));
  }

  /**
   * The cache {@code parent/name(key)}: opened when it exists, otherwise built by {@code filler}
   * first.
   */
  public static TokenCache openOrBuild(Path parent, String key, Filler filler) {
    Path folder = parent.resolve(name(key));
    if (!Files.isDirectory(folder)) {
      build(parent, folder, key, filler);
    }
    return open(folder);
  }

  private static void build(Path parent, Path folder, String key, Filler filler) {
    Path tmp = null;
    Thread cleanup = null;
    try {
      Files.createDirectories(parent);
      tmp = Files.createTempDirectory(parent, "." + folder.getFileName() + ".");
      Path building = tmp;
      cleanup = new Thread(() -> deleteQuietly(building));
      Runtime.getRuntime().addShutdownHook(cleanup);
      long[] counts = write(tmp, filler);
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("format", FORMAT);
      meta.put("pairs", counts[0]);
      meta.put("tokens", counts[1]);
      meta.put("key", key);
      Files.write(
          tmp.resolve(META),
          new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(meta));
      AtomicFiles.readable(tmp);
      try {
        Files.move(tmp, folder, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (!Files.isDirectory(folder)) {
          throw e;
        }
        // another run built the same cache meanwhile (Linux reports "Directory not empty" as a
        // plain FileSystemException): use theirs
      }
    } catch (IOException e) {
      throw new DataException(
          "cannot write the token cache in "
              + parent
              + " ("
              + e.getMessage()
              + "); free some disk space or make the folder writable.",
          e);
    } finally {
      if (tmp != null) {
        deleteQuietly(tmp);
      }
      if (cleanup != null) {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      }
    }
  }

  /** Writes tokens.bin and index.bin into {@code dir}; returns {pairs, tokens}. */
  private static long[] write(Path dir, Filler filler) throws IOException {
    long[] counts = new long[2];
    try (FileChannel tokenOut = create(dir.resolve(TOKENS));
        FileChannel indexOut = create(dir.resolve(INDEX))) {
      ByteBuffer tokenBuffer = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
      ByteBuffer indexBuffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
      filler.fill(
          (source, target) -> {
            if (counts[0] == Integer.MAX_VALUE) {
              throw new DataException(
                  "a training split of more than "
                      + Integer.MAX_VALUE
                      + " pairs is not supported.");
            }
            if (indexBuffer.remaining() < INDEX_BYTES) {
              drain(indexBuffer, indexOut);
            }
            indexBuffer.putLong(counts[1]).putInt(source.length).putInt(target.length);
            for (int[] side : new int[][] {source, target}) {
              for (int id : side) {
                if (tokenBuffer.remaining() < Integer.BYTES) {
                  drain(tokenBuffer, tokenOut);
                }
                tokenBuffer.putInt(id);
              }
            }
            counts[0]++;
            counts[1] += source.length + target.length;
          });
      drain(tokenBuffer, tokenOut);
      drain(indexBuffer, indexOut);
      tokenOut.force(true);
      indexOut.force(true);
    }
    return counts;
  }

  private static FileChannel create(Path file) throws IOException {
    return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  private static void drain(ByteBuffer buffer, FileChannel out) throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
    buffer.clear();
  }

  /** Maps a whole cache, after checking that its files agree with its meta.json. */
  static TokenCache open(Path folder) {
    try {
      Map<String, Object> meta = JsonFiles.readObject(folder.resolve(META));
      long pairs = ((Number) meta.get("pairs")).longValue();
      long tokenCount = ((Number) meta.get("tokens")).longValue();
      if (((Number) meta.get("format")).intValue() != FORMAT
          || Files.size(folder.resolve(INDEX)) != pairs * INDEX_BYTES
          || Files.size(folder.resolve(TOKENS)) != tokenCount * Integer.BYTES) {
        throw new IOException("its files do not match its meta.json");
      }
      return new TokenCache(
          folder,
          (int) pairs,
          MappedFile.map(folder.resolve(TOKENS)),
          MappedFile.map(folder.resolve(INDEX)));
    } catch (IOException | RuntimeException e) {
      throw new DataException(
          "the token cache "
              + folder
              + " is damaged ("
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + "); delete that folder, and the next run tokenizes the corpus again.",
          e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      AtomicFiles.deleteTree(dir);
    } catch (IOException e) {
      // best effort: a leftover temporary folder is ignored by every later run
    }
  }

  public Path folder() {
    return folder;
  }

  /** How many pairs the cache holds. */
  public int size() {
    return size;
  }

  /** Pair {@code i}, read from the mapped files. */
  public Seq2SeqExample get(int i) {
    long at = (long) i * INDEX_BYTES;
    long offset = index.getLong(at);
    int sourceLength = index.getInt(at + 8);
    int targetLength = index.getInt(at + 12);
    return new Seq2SeqExample(
        tokens.ints(offset, sourceLength), tokens.ints(offset + sourceLength, targetLength));
  }

  /** The padded length pair {@code i} needs (see {@link Seq2SeqExample#length}). */
  public int length(int i) {
    long at = (long) i * INDEX_BYTES;
    return Math.max(index.getInt(at + 8), index.getInt(at + 12)) + 1;
  }

  /**
   * A file mapped in segments of 1 GiB, so it may exceed the 2 GB of one mapping. Every value is
   * aligned to its size, so none straddles two segments.
   */
  private record MappedFile(List<ByteBuffer> segments) {
    private static final long SEGMENT = 1L << 30;

    static MappedFile map(Path file) throws IOException {
      List<ByteBuffer> segments = new ArrayList<>();
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        long bytes = ch.size();
        for (long from = 0; from < bytes; from += SEGMENT) {
          segments.add(
              ch.map(FileChannel.MapMode.READ_ONLY, from, Math.min(SEGMENT, bytes - from))
                  .order(ByteOrder.LITTLE_ENDIAN));
        }
      }
      return new MappedFile(segments);
    }

    int getInt(long at) {
      return segments.get((int) (at / SEGMENT)).getInt((int) (at % SEGMENT));
    }

    long getLong(long at) {
      return segments.get((int) (at / SEGMENT)).getLong((int) (at % SEGMENT));
    }

    /** {@code count} int32 values from int position {@code from}. */
    int[] ints(long from, int count) {
      int[] out = new int[count];
      for (int k = 0; k < count; k++) {
        out[k] = getInt((from + k) * Integer.BYTES);
      }
      return out;
    }
  }
}
