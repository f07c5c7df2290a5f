package org.ablate.core.graph;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.types.TInt64;

/**
 * Everything shared while building one model graph: the {@link Graph}, the root {@link Ops}, the
 * registry of trainable weights, the base seed, the matmul precision and the per-step random seed
 * that drives dropout. Layers never see it directly; they receive a {@link ParamScope} when they
 * create weights and a {@link CallScope} when they add ops.
 *
 * <pre>{@code
 * try (Graph g = new Graph()) {
 *   GraphContext ctx = new GraphContext(g, 42, Precision.FLOAT32);
 *   layer.build(ctx.params());
 *   Operand<TFloat32> y = layer.call(ctx.call("train", true), x);
 * }
 * }</pre>
 */
public final class GraphContext {
  private final Graph graph;
  private final Ops root;
  private final Ops parameterOps;
  private final List<DeviceSpec> parameterDevices;
  private final long[] parameterBytes;
  private final Map<String, DeviceSpec> placement = new LinkedHashMap<>();
  private final long seed;
  private final Precision precision;
  private final Map<String, Param> params = new LinkedHashMap<>();
  private final ParamScope rootParams;
  private PlaceholderWithDefault<TInt64> stepSeed;
  private int dropoutSites;

  public GraphContext(Graph graph, long seed, Precision precision) {
    this(graph, seed, precision, List.of(), null);
  }

  /**
   * A context that places weights (and their optimizer state) on the {@code parameters} devices and
   * computation on {@code compute}, for training across TensorFlow server tasks. With several
   * parameter devices each weight goes, in creation order, to the device holding the fewest bytes
   * so far (ties to the first), as TensorFlow's replica device setter did with its greedy byte-size
   * strategy; state that is not per weight stays on the first. No devices (and a null {@code
   * compute}) leave placement to TensorFlow.
   */
  public GraphContext(
      Graph graph,
      long seed,
      Precision precision,
      List<DeviceSpec> parameters,
      DeviceSpec compute) {
    this.graph = graph;
    this.root = compute == null ? Ops.create(graph) : Ops.create(graph).withDevice(compute);
    this.parameterDevices = List.copyOf(parameters);
    this.parameterBytes = new long[parameterDevices.size()];
    this.parameterOps =
        parameterDevices.isEmpty() ? root : Ops.create(graph).withDevice(parameterDevices.get(0));
    this.seed = seed;
    this.precision = precision;
    this.rootParams = new ParamScope(this, parameterOps, "");
  }

  /**
   * Ops on the device that holds weights and optimizer state (the root ops when not distributed).
   */
  public Ops parameterOps() {
    return parameterOps;
  }

  /**
   * {@code scope} on the device that holds weight {@code p}, so that state kept per weight
   * (optimizer slots, averages, gradient accumulators) sits beside it; {@code scope} itself when
   * weights are not spread over several devices.
   */
  public Ops besideWeight(Ops scope, Param p) {
    DeviceSpec device = placement.get(p.name());
    return device == null ? scope : scope.withDevice(device);
  }

  /**
   * The device for a new weight of {@code shape} named {@code name}: the parameter device holding
   * the fewest bytes so far; null when there are fewer than two parameter devices.
   */
  DeviceSpec placeWeight(String name, long[] shape) {
    if (parameterDevices.size() < 2) {
      return null;
    }
    int least = 0;
    for (int i = 1; i < parameterBytes.length; i++) {
      if (parameterBytes[i] < parameterBytes[least]) {
        least = i;
      }
    }
    long bytes = Float.BYTES;
    for (long d : shape) {
      bytes *= d;
    }
    parameterBytes[least] += bytes;
    placement.put(name, parameterDevices.get(least));
    return parameterDevices.get(least);
  }

  /** Bytes of weights placed on each parameter device, in device order (empty: not spread). */
  public long[] bytesPerParameterDevice() {
    return parameterDevices.size() < 2 ? new long[0] : parameterBytes.clone();
  }

  public Graph graph() {
    return graph;
  }

  /** Ops at the root name scope. */
  public Ops tf() {
    return root;
  }

  public long seed() {
    return seed;
  }

  public Precision precision() {
    return precision;
  }

  /** The root scope in which layers create their weights. */
  public ParamScope params() {
    return rootParams;
  }

  /** A scope for adding ops under a fresh name scope, in training or inference mode. */
  public CallScope call(String name, boolean training) {
    return new CallScope(this, root.withSubScope(name), training);
  }

  /** Every trainable weight created so far, in creation order. */
  public List<Param> parameters() {
    return Collections.unmodifiableList(new ArrayList<>(params.values()));
  }

  void register(Param param) {
    if (params.putIfAbsent(param.name(), param) != null) {
      throw new IllegalStateException("weight " + param.name() + " created twice");
    }
  }

  /**
   * The step seed: a {@code [2]} int64 tensor fed once per training step (defaults to zeros), from
   * which every dropout site derives its own stateless random stream. Dropout masks are therefore a
   * pure function of (seed, step, site), so a resumed run draws exactly the masks it would have.
   */
  public Operand<TInt64> stepSeed() {
    if (stepSeed == null) {
      stepSeed =
          root.withName("step_seed")
              .placeholderWithDefault(root.constant(new long[] {0, 0}), Shape.of(2));
    }
    return stepSeed;
  }

  /** The step-seed tensor value for a given step: a hash of the base seed and the step. */
  public long[] stepSeedValue(long step) {
    return new long[] {mix(seed * 0x9E3779B97F4A7C15L + step), step};
  }

  int nextDropoutSite() {
    return ++dropoutSites;
  }

  /** A stable seed for a named weight: the same name and base seed always give the same values. */
  public long seedFor(String name) {
    return mix(fnv1a(name) ^ mix(seed)) & Long.MAX_VALUE;
  }

  /** The 64-bit FNV-1a hash of a text's UTF-8 bytes. */
  public static long fnv1a(String text) {
    long h = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h ^= b;
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** SplitMix64's finalizer. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
