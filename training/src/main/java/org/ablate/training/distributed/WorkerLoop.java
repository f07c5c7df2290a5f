package org.ablate.training.distributed;

import java.io.PrintStream;
import org.ablate.core.AblateException;
import org.ablate.core.graph.GraphContext;
import org.ablate.training.tasks.Task;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TInt64;

/**
 * A non-chief worker: wait for a token from the chief, train on this worker's micro-step of that
 * step, push the gradients, repeat; a token of -1 ends the loop.
 */
public final class WorkerLoop {
  /** How long a worker waits for the chief before giving up. */
  static final int WAIT_MINUTES = 30;

  private WorkerLoop() {}

  public static long run(
      Session session,
      GraphContext context,
      Task task,
      SyncReplicas sync,
      int worker,
      WorkerLog log,
      PrintStream console) {
    long steps = 0;
    RunOptions wait = RunOptions.newBuilder().setTimeoutInMs(WAIT_MINUTES * 60_000L).build();
    while (true) {
      long step;
      try (Result r = session.runner().fetch(sync.nextToken()).setOptions(wait).run()) {
        step = ((TInt64) r.get(0)).getLong();
      } catch (TensorFlowException e) {
        throw new AblateException(
            "worker "
                + worker
                + " heard nothing from the chief (worker 0) for "
                + WAIT_MINUTES
                + " minutes or lost the ps task ("
                + e.getMessage().lines().findFirst().orElse("")
                + "); check that every task of the cluster is running.",
            e);
      }
      if (step < 0) {
        console.println("worker " + worker + ": the chief finished; " + steps + " steps done");
        return steps;
      }
      long micro = (step - 1) * sync.workers() + worker + 1;
      sync.pushMicroStep(session, context, task, step, micro, log);
      steps++;
    }
  }
}
