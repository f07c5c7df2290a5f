package org.ablate.core.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ablate.core.graph.GraphContext;
import org.ablate.core.graph.Precision;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Test helpers: build a small graph, feed arrays, fetch flat float arrays. */
public final class Tf implements AutoCloseable {
  public final Graph graph = new Graph();
  public final GraphContext context;
  private final Map<Operand<?>, Tensor> feeds = new LinkedHashMap<>();
  private Session session;

  public Tf(long seed) {
    this(seed, Precision.FLOAT32);
  }

  public Tf(long seed, Precision precision) {
    context = new GraphContext(graph, seed, precision);
  }

  public Tf() {
    this(7);
  }

  /** A float placeholder fed with {@code value}, with the given static shape. */
  public Operand<TFloat32> input(float[][][] value) {
    Placeholder<TFloat32> p =
        context
            .tf()
            .placeholder(
                TFloat32.class,
                Placeholder.shape(Shape.of(value.length, value[0].length, value[0][0].length)));
    feeds.put(p, TFloat32.tensorOf(StdArrays.ndCopyOf(value)));
    return p;
  }

  public Operand<TFloat32> input(float[][] value) {
    Placeholder<TFloat32> p =
        context
            .tf()
            .placeholder(
                TFloat32.class, Placeholder.shape(Shape.of(value.length, value[0].length)));
    feeds.put(p, TFloat32.tensorOf(StdArrays.ndCopyOf(value)));
    return p;
  }

  /** An int placeholder {@code [B, T]}; {@code dynamicLength} leaves T unknown to the graph. */
  public Operand<TInt32> ids(int[][] value, boolean dynamicLength) {
    Placeholder<TInt32> p =
        context
            .tf()
            .placeholder(
                TInt32.class,
                Placeholder.shape(
                    Shape.of(
                        dynamicLength ? -1 : value.length, dynamicLength ? -1 : value[0].length)));
    feeds.put(p, TInt32.tensorOf(StdArrays.ndCopyOf(value)));
    return p;
  }

  /** Runs and returns the flattened float values of {@code out}. */
  public float[] run(Operand<TFloat32> out) {
    if (session == null) {
      session = new Session(graph);
    }
    if (feeds.containsKey(out)) {
      out = context.tf().identity(out);
    }
    Session.Runner runner = session.runner();
    feeds.forEach(runner::feed);
    return fetch(runner, out);
  }

  /** The flattened float values of {@code out} in {@code session} (no feeds). */
  public static float[] values(Session session, Operand<TFloat32> out) {
    return fetch(session.runner(), out);
  }

  private static float[] fetch(Session.Runner runner, Operand<TFloat32> out) {
    try (Result r = runner.fetch(out).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] flat = new float[(int) t.shape().size()];
      t.asRawTensor().data().asFloats().read(flat);
      return flat;
    }
  }

  /** The shape of {@code out} after a run. */
  public long[] shape(Operand<?> out) {
    if (session == null) {
      session = new Session(graph);
    }
    Operand<?> fetched = feeds.containsKey(out) ? context.tf().identity((Operand) out) : out;
    Session.Runner runner = session.runner();
    feeds.forEach(runner::feed);
    try (Result r = runner.fetch(fetched).run()) {
      return r.get(0).shape().asArray();
    }
  }

  /** Replaces the value fed to a placeholder created by this helper. */
  public void refeed(Operand<?> placeholder, Tensor value) {
    Tensor old = feeds.put(placeholder, value);
    if (old != null) {
      old.close();
    }
  }

  @Override
  public void close() {
    feeds.values().forEach(Tensor::close);
    if (session != null) {
      session.close();
    }
    graph.close();
  }
}
