package org.ablate.experiments.run;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.ablate.core.graph.Param;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.training.config.OptimizerConfig;
import org.ablate.training.distributed.ChiefSteps;
import org.ablate.training.distributed.ClusterSpec;
import org.ablate.training.distributed.SyncReplicas;
import org.ablate.training.distributed.WorkerLog;
import org.ablate.training.graph.Optimizer;
import org.ablate.training.loop.LocalSteps;
import org.ablate.training.loop.StepExecutor;
import org.tensorflow.GraphOperation;
import org.tensorflow.RemoteSessions;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;

/**
 * Where a run's graph executes, chosen once per run: in this process, or as one task of a
 * TensorFlow cluster (weights on the parameter server, compute on this worker). Everything that
 * differs between the two is here: device placement, the session, and how a step runs.
 */
abstract class Execution {
  /** In this process. */
  static Execution local() {
    return new Local();
  }

  /** Worker {@code worker} of {@code cluster}; worker 0 is the chief. */
  static Execution cluster(ClusterSpec cluster, int worker) {
    return new Cluster(cluster, worker);
  }

  /** Loads the data and builds the graph, placed for this execution. */
  abstract Assembly build(ExperimentConfig config, Injection injection, Path runDirectory);

  /** Where the weights live, for the run log; null when in this process. */
  String placement(Assembly assembly) {
    return null;
  }

  /** A session for the graph. */
  abstract Session session(Assembly assembly, int threads);

  /** The optimizer of the run (accumulating micro-batches only in one process). */
  Optimizer optimizer(ExperimentConfig config, Assembly assembly, Injection injection) {
    return new Optimizer(
        assembly.context,
        assembly.context.parameters(),
        injection.registry().make(OptimizerConfig.SLOT, config.training().optimizer(), null),
        config.training().clipNorm(),
        accumulates() && config.training().accumulate() > 1,
        config.training().emaDecay());
  }

  abstract boolean accumulates();

  /** How one training step runs. */
  abstract StepExecutor steps(
      Session session, Assembly assembly, Optimizer optimizer, ExperimentConfig config, Path dir);

  /**
   * Session threads: the config's {@code training.threads}, unless the {@code ABLATE_THREADS}
   * environment variable (set by sweeps running trials side by side) says otherwise. Thread counts
   * do not change results, so they are not part of a trial's config.
   */
  static int threads(int configured) {
    String env = System.getenv("ABLATE_THREADS");
    return env != null && env.matches("[1-9][0-9]{0,3}") ? Integer.parseInt(env) : configured;
  }

  private static final class Local extends Execution {
    @Override
    Assembly build(ExperimentConfig config, Injection injection, Path runDirectory) {
      return Assembly.build(config, injection, runDirectory);
    }

    @Override
    Session session(Assembly assembly, int threads) {
      ConfigProto.Builder b = ConfigProto.newBuilder();
      if (threads > 0) {
        b.setIntraOpParallelismThreads(threads).setInterOpParallelismThreads(Math.min(threads, 2));
      }
      return new Session(assembly.graph, b.build());
    }

    @Override
    boolean accumulates() {
      return true;
    }

    @Override
    StepExecutor steps(
        Session session,
        Assembly assembly,
        Optimizer optimizer,
        ExperimentConfig config,
        Path dir) {
      return new LocalSteps(
          session,
          assembly.context,
          assembly.task,
          assembly.losses,
          optimizer,
          config.training().accumulate());
    }
  }

  private static final class Cluster extends Execution {
    private final ClusterSpec cluster;
    private final int worker;

    Cluster(ClusterSpec cluster, int worker) {
      this.cluster = cluster;
      this.worker = worker;
    }

    @Override
    Assembly build(ExperimentConfig config, Injection injection, Path runDirectory) {
      return Assembly.build(
          config,
          injection,
          runDirectory,
          cluster.parameterDevices(),
          ClusterSpec.device(ClusterSpec.WORKER, worker));
    }

    /**
     * The bytes of weights on each ps task, read from the devices their variables were given in the
     * graph.
     */
    @Override
    String placement(Assembly assembly) {
      Map<String, Long> bytes = new TreeMap<>();
      for (Param p : assembly.context.parameters()) {
        String device = ((GraphOperation) p.variable().op()).device();
        bytes.merge(device.isEmpty() ? "(unplaced)" : device, Float.BYTES * p.size(), Long::sum);
      }
      StringBuilder sb = new StringBuilder("weights on " + bytes.size() + " ps task(s):");
      bytes.forEach((d, b) -> sb.append(String.format(Locale.ROOT, " %s %,d bytes;", d, b)));
      return sb.substring(0, sb.length() - 1);
    }

    @Override
    Session session(Assembly assembly, int threads) {
      return RemoteSessions.connect(
          assembly.graph, cluster.target(worker), cluster.sessionConfig(worker, threads));
    }

    @Override
    boolean accumulates() {
      return false;
    }

    /** The chief's step: release the step to the workers, collect and apply their gradients. */
    @Override
    StepExecutor steps(
        Session session,
        Assembly assembly,
        Optimizer optimizer,
        ExperimentConfig config,
        Path dir) {
      return new ChiefSteps(
          session,
          assembly.context,
          assembly.task,
          new SyncReplicas(assembly.context, optimizer, assembly.losses, cluster.workerCount()),
          new WorkerLog(dir.resolve("workers").resolve("worker-0.jsonl")));
    }
  }
}
