package org.ablate.training.distributed;

import java.util.List;
import org.tensorflow.DeviceSpec;
import org.tensorflow.proto.ClusterDef;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.JobDef;
import org.tensorflow.proto.ServerDef;

/**
 * A TensorFlow cluster: {@code ps} tasks holding the weights and their optimizer state (spread over
 * the tasks by size), and worker tasks that compute gradients. Addresses are {@code host:port}.
 */
public record ClusterSpec(List<String> ps, List<String> workers) {
  public static final String PS = "ps";
  public static final String WORKER = "worker";

  public int workerCount() {
    return workers.size();
  }

  /** The server definition of one task of this cluster. */
  public ServerDef serverDef(String job, int task) {
    ClusterDef.Builder cluster = ClusterDef.newBuilder();
    JobDef.Builder psJob = JobDef.newBuilder().setName(PS);
    for (int i = 0; i < ps.size(); i++) {
      psJob.putTasks(i, ps.get(i));
    }
    JobDef.Builder workerJob = JobDef.newBuilder().setName(WORKER);
    for (int i = 0; i < workers.size(); i++) {
      workerJob.putTasks(i, workers.get(i));
    }
    cluster.addJob(psJob).addJob(workerJob);
    return ServerDef.newBuilder()
        .setCluster(cluster)
        .setJobName(job)
        .setTaskIndex(task)
        .setProtocol("grpc")
        .build();
  }

  /** The CPU of every ps task, in task order: where weights and optimizer state live. */
  public List<DeviceSpec> parameterDevices() {
    return java.util.stream.IntStream.range(0, ps.size()).mapToObj(i -> device(PS, i)).toList();
  }

  public static DeviceSpec device(String job, int task) {
    return DeviceSpec.newBuilder()
        .job(job)
        .replica(0)
        .task(task)
        .deviceType(DeviceSpec.DeviceType.CPU)
        .deviceIndex(0)
        .build();
  }

  /** The session target of a worker: its own server. */
  public String target(int worker) {
    return "grpc://" + workers.get(worker);
  }

  /** Session config of a worker: it sees only the ps task and itself; thread counts as given. */
  public ConfigProto sessionConfig(int worker, int threads) {
    ConfigProto.Builder b =
        ConfigProto.newBuilder()
            .addDeviceFilters("/job:" + PS)
            .addDeviceFilters("/job:" + WORKER + "/task:" + worker);
    if (threads > 0) {
      b.setIntraOpParallelismThreads(threads).setInterOpParallelismThreads(Math.min(2, threads));
    }
    return b.build();
  }
}
