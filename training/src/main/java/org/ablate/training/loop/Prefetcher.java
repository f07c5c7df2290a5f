package org.ablate.training.loop;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ablate.core.AblateException;
import org.ablate.training.tasks.Batch;
import org.ablate.training.tasks.Task;

/** Prepares the next training batches on a background thread, in micro-step order. */
final class Prefetcher implements AutoCloseable {
  private final Task task;
  private final int depth;
  private final ExecutorService pool =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "batch-prefetch");
            t.setDaemon(true);
            return t;
          });
  private final ArrayDeque<Future<Batch>> queue = new ArrayDeque<>();
  private long next;

  Prefetcher(Task task, long firstMicroStep, int depth) {
    this.task = task;
    this.next = firstMicroStep;
    this.depth = depth;
  }

  Batch next() {
    while (queue.size() < depth) {
      long micro = next++;
      queue.add(pool.submit(() -> task.trainBatch(micro)));
    }
    try {
      return queue.poll().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AblateException("interrupted while preparing a batch", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new AblateException("cannot prepare a training batch: " + e.getCause(), e.getCause());
    }
  }

  @Override
  public void close() {
    for (Future<Batch> f : queue) {
      try {
        f.get().close();
      } catch (Exception e) {
        // already failed: nothing to release
      }
    }
    pool.shutdownNow();
  }
}
