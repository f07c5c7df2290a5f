package org.ablate.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binary token cache: its file layout, reuse, concurrent builders, failures. */
class TokenCacheTest {
  @TempDir Path dir;

  private static final int[][] PAIRS = {{5, 6, 7}, {8}, {9, 10}, {11, 12, 13, 14}};

  private static void fill(TokenCache.Sink sink) throws IOException {
    sink.add(PAIRS[0], PAIRS[1]);
    sink.add(PAIRS[2], PAIRS[3]);
  }

  @Test
  void pairsRoundTripThroughLittleEndianFiles() throws IOException {
    TokenCache cache = TokenCache.openOrBuild(dir, "corpus A", TokenCacheTest::fill);
    assertEquals(dir.resolve(TokenCache.name("corpus A")), cache.folder());
    assertEquals(2, cache.size());
    assertArrayEquals(PAIRS[0], cache.get(0).source());
    assertArrayEquals(PAIRS[3], cache.get(1).target());
    assertEquals(4, cache.length(0), "3 source tokens + EOS");
    assertEquals(5, cache.length(1), "4 target tokens + EOS");
    // the layout other tools read: tokens as int32 LE, index as (int64 offset, int32, int32)
    ByteBuffer tokens =
        ByteBuffer.wrap(Files.readAllBytes(cache.folder().resolve("tokens.bin")))
            .order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(10 * 4, tokens.capacity());
    assertEquals(5, tokens.getInt(0));
    assertEquals(14, tokens.getInt(36));
    ByteBuffer index =
        ByteBuffer.wrap(Files.readAllBytes(cache.folder().resolve("index.bin")))
            .order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(4, index.getLong(16), "the second pair starts after the first's 4 tokens");
    assertEquals(2, index.getInt(24));
    assertEquals(4, index.getInt(28));
    TokenCache again =
        TokenCache.openOrBuild(
            dir,
            "corpus A",
            sink -> {
              throw new AssertionError("an existing cache is not built again");
            });
    assertArrayEquals(PAIRS[2], again.get(1).source());
  }

  @Test
  void aFailedBuildLeavesNothing() {
    RuntimeException boom =
        assertThrows(
            RuntimeException.class,
            () ->
                TokenCache.openOrBuild(
                    dir,
                    "corpus B",
                    sink -> {
                      sink.add(PAIRS[0], PAIRS[1]);
                      throw new DataException("train.tsv:2: a bad line");
                    }));
    assertEquals("train.tsv:2: a bad line", boom.getMessage());
    assertEquals(0, dir.toFile().list().length, "no cache and no temporary folder");
  }

  @Test
  void twoBuildersAtOnceBothGetAWholeCache() throws Exception {
    CountDownLatch bothWriting = new CountDownLatch(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<TokenCache>> builds = new ArrayList<>();
      for (int k = 0; k < 2; k++) {
        builds.add(
            pool.submit(
                () ->
                    TokenCache.openOrBuild(
                        dir,
                        "corpus C",
                        sink -> {
                          sink.add(PAIRS[0], PAIRS[1]);
                          bothWriting.countDown();
                          try {
                            bothWriting.await();
                          } catch (InterruptedException e) {
                            throw new IOException(e);
                          }
                          sink.add(PAIRS[2], PAIRS[3]);
                        })));
      }
      for (Future<TokenCache> build : builds) {
        assertEquals(2, build.get().size());
        assertArrayEquals(PAIRS[3], build.get().get(1).target());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, dir.toFile().list().length, "one cache, no temporary folder left");
  }

  @Test
  void aDamagedCacheIsReportedWithWhatToDo() throws IOException {
    TokenCache cache = TokenCache.openOrBuild(dir, "corpus D", TokenCacheTest::fill);
    Files.write(cache.folder().resolve("tokens.bin"), new byte[] {1, 2, 3});
    DataException e =
        assertThrows(
            DataException.class,
            () ->
                TokenCache.openOrBuild(
                    dir,
                    "corpus D",
                    sink -> {
                      throw new AssertionError("not rebuilt silently");
                    }));
    assertTrue(e.getMessage().contains(cache.folder().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("delete that folder"), e.getMessage());
    assertFalse(e.getMessage().contains("Exception"), e.getMessage());
  }
}
