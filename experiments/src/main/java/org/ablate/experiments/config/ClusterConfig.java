package org.ablate.experiments.config;

import java.util.List;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Validated;
import org.ablate.training.distributed.ClusterSpec;

/**
 * A TensorFlow cluster for synchronous data-parallel training: one or more parameter-server tasks
 * (the weights are spread over them by size) and one or more workers (worker 0 is the chief). Start
 * every task with {@code ./ablate worker}.
 *
 * <pre>{@code
 * cluster:
 *   ps: [10.0.0.1:2222]
 *   worker: [10.0.0.2:2222, 10.0.0.3:2222]
 * }</pre>
 */
public record ClusterConfig(
    @Doc(
            "addresses host:port of the parameter-server tasks; the weights and their optimizer state are spread over them by size")
        List<String> ps,
    @Doc("addresses host:port of the worker tasks; worker 0 is the chief") List<String> worker)
    implements Validated {
  @Override
  public void validate(Checks checks) {
    checks.require(
        !ps.isEmpty(),
        "ps",
        checks.path("ps") + " must list at least one parameter-server address.");
    checks.require(
        !worker.isEmpty(),
        "worker",
        checks.path("worker") + " must list at least one worker address.");
    java.util.Set<String> seen = new java.util.HashSet<>();
    addresses(checks, "ps", ps, seen);
    addresses(checks, "worker", worker, seen);
  }

  /** Every address is host:port, and no two tasks share one. */
  private static void addresses(
      Checks checks, String key, List<String> addresses, java.util.Set<String> seen) {
    for (String a : addresses) {
      checks.require(
          a.matches("[^:\\s]+:\\d{1,5}"),
          key,
          checks.path(key) + " entry '" + a + "' is not host:port.");
      checks.require(
          seen.add(a),
          key,
          checks.path(key)
              + " entry '"
              + a
              + "' is the address of another task too; give every task its own host:port.");
    }
  }

  public ClusterSpec spec() {
    return new ClusterSpec(ps, worker);
  }
}
