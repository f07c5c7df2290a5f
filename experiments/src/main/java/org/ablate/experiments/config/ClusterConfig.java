package org.ablate.experiments.config;

import java.util.List;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Validated;
import org.ablate.training.distributed.ClusterSpec;

/**
 * A TensorFlow cluster for synchronous data-parallel training: one parameter-server task and one or
 * more workers (worker 0 is the chief). Start every task with {@code ./ablate worker}.
 *
 * <pre>{@code
 * cluster:
 *   ps: [10.0.0.1:2222]
 *   worker: [10.0.0.2:2222, 10.0.0.3:2222]
 * }</pre>
 */
public record ClusterConfig(
    @Doc("address host:port of the parameter-server task (exactly one)") List<String> ps,
    @Doc("addresses host:port of the worker tasks; worker 0 is the chief") List<String> worker)
    implements Validated {
  @Override
  public void validate(Checks checks) {
    checks.require(
        ps.size() == 1,
        "ps",
        checks.path("ps")
            + " lists "
            + ps.size()
            + " tasks; give exactly one parameter-server address (weights are not sharded over several ps tasks).");
    checks.require(
        !worker.isEmpty(),
        "worker",
        checks.path("worker") + " must list at least one worker address.");
    for (String a : ps) {
      checks.require(
          a.matches("[^:\\s]+:\\d{1,5}"),
          "ps",
          checks.path("ps") + " entry '" + a + "' is not host:port.");
    }
    for (String a : worker) {
      checks.require(
          a.matches("[^:\\s]+:\\d{1,5}"),
          "worker",
          checks.path("worker") + " entry '" + a + "' is not host:port.");
    }
  }

  public ClusterSpec spec() {
    return new ClusterSpec(ps, worker);
  }
}
