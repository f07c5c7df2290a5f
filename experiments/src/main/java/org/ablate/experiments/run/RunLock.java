package org.ablate.experiments.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.ablate.core.AblateException;

/**
 * An exclusive lock on a run folder for as long as a process trains in it, so two processes (a
 * restarted sweep and a still-running trial, say) never write the same run. The operating system
 * releases it when the process dies, however it dies.
 */
public final class RunLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Locks {@code dir} or fails with a clear message when another process holds it. */
  public static RunLock acquire(Path dir) {
    try {
      Files.createDirectories(dir);
      FileChannel ch =
          FileChannel.open(
              dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        ch.close();
        throw new AblateException(
            "run folder "
                + dir
                + " is in use by another ablate process; wait for it to finish or stop it (Ctrl-C) before"
                + " resuming here.");
      }
      return new RunLock(ch, lock);
    } catch (IOException e) {
      throw new AblateException("cannot lock run folder " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Whether another process holds the lock of {@code dir} right now. */
  public static boolean busy(Path dir) {
    if (!Files.exists(dir.resolve(".lock"))) {
      return false;
    }
    try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.WRITE)) {
      FileLock lock = ch.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // released with the process anyway
    }
  }
}
