package org.ablate.training.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;

/**
 * The training FLOPs of one step, read from the graph: every matmul, batched matmul, einsum and 2-D
 * convolution that the loss depends on counts {@code 2 x (output elements) x (contracted size)} (2
 * M N K for a product), and a step counts three times its forward pass (the backward pass is two
 * such products per forward one), as {@code ./ablate bench} counts its reference models.
 * Element-wise ops, norms, softmax and gathers are not counted, as in the FLOP counts of the
 * scaling-law literature.
 *
 * <p>The count is an int64 graph op fetched with the loss, because batch and length dimensions are
 * only known when a batch is fed: dimensions known when the graph is built become constants, the
 * others are read from the tensors' shapes at run time. The count is therefore exact for every
 * batch shape, a pure function of the data (and so of the seed and the step), and the same on every
 * machine. Any module a plugin adds is counted the same way.
 */
public final class TrainingFlops {
  /** Forward plus backward: the backward pass of a product is two products of the same size. */
  public static final long PASSES = 3;

  private static final Set<String> MATMULS =
      Set.of("MatMul", "BatchMatMul", "BatchMatMulV2", "BatchMatMulV3");

  private TrainingFlops() {}

  /**
   * An int64 scalar: the training FLOPs of one step on the batch fed to {@code loss} (forward FLOPs
   * of the ops {@code loss} depends on, times {@link #PASSES}). Build it before the gradients, or
   * after: only the loss's ancestors are counted.
   */
  public static Operand<TInt64> of(Ops tf, Operand<?> loss) {
    Graph graph = (Graph) loss.env();
    long constant = 0;
    Operand<TInt64> dynamic = null;
    for (GraphOperation op : graph.subgraphTo(Set.of(loss))) {
      Product p = product(op);
      if (p == null) {
        continue;
      }
      Operand<TInt64> count = p.count(tf);
      if (count == null) {
        constant += p.known();
      } else {
        dynamic = dynamic == null ? count : tf.math.add(dynamic, count);
      }
    }
    if (dynamic == null) {
      return tf.constant(PASSES * constant);
    }
    return tf.math.mul(tf.math.add(dynamic, tf.constant(constant)), tf.constant(PASSES));
  }

  /** The number of counted ops under {@code loss}. */
  public static int countedOps(Operand<?> loss) {
    Graph graph = (Graph) loss.env();
    int n = 0;
    for (GraphOperation op : graph.subgraphTo(Set.of(loss))) {
      n += product(op) == null ? 0 : 1;
    }
    return n;
  }

  /**
   * One dimension of a product: its size if known when the graph is built (else -1), or at run time
   * the largest of some operands' axes (they are equal or 1 where batch axes broadcast). Sizes are
   * read from the product's inputs, never its output, so the count adds no consumer to the product
   * and does not stop TensorFlow from fusing it with a following bias or activation.
   */
  private record Dim(List<Output<?>> sources, List<Integer> axes) {
    static Dim of(Output<?> source, int axis) {
      return new Dim(List.of(source), List.of(axis));
    }

    long known() {
      boolean unknown = false;
      long largest = -1;
      for (int i = 0; i < sources.size(); i++) {
        long d = sources.get(i).shape().get(axes.get(i));
        if (d > 1) {
          return d; // a broadcast axis is 1 or this size
        }
        unknown |= d < 0;
        largest = Math.max(largest, d);
      }
      return unknown ? -1 : largest;
    }

    Operand<TInt64> size(Ops tf) {
      Operand<TInt64> out = null;
      for (int i = 0; i < sources.size(); i++) {
        Operand<TInt64> d =
            tf.gather(
                tf.shape(sources.get(i), TInt64.class), tf.constant(axes.get(i)), tf.constant(0));
        out = out == null ? d : tf.math.maximum(out, d);
      }
      return out;
    }
  }

  /** A product: 2 x the product of its output's and its contracted dimensions. */
  private record Product(List<Dim> dims) {
    /** 2 x the dimensions known when the graph is built. */
    long known() {
      long n = 2;
      for (Dim d : dims) {
        long k = d.known();
        if (k >= 0) {
          n *= k;
        }
      }
      return n;
    }

    /**
     * The count as a graph op, or null when every dimension is known (then it is {@link #known}).
     */
    Operand<TInt64> count(Ops tf) {
      Operand<TInt64> n = null;
      for (Dim d : dims) {
        if (d.known() < 0) {
          n = n == null ? d.size(tf) : tf.math.mul(n, d.size(tf));
        }
      }
      return n == null ? null : tf.math.mul(n, tf.constant(known()));
    }
  }

  private static int rank(Output<?> o) {
    if (o.shape().isUnknown()) {
      throw new IllegalStateException(
          "cannot count the FLOPs of " + o.op().name() + ": the rank of its input is unknown");
    }
    return o.shape().numDimensions();
  }

  /** The product {@code op} computes, or null when it is not one that is counted. */
  private static Product product(GraphOperation op) {
    String type = op.type();
    if (type.equals("MatMul")) {
      Output<?> a = op.input(0);
      Output<?> b = op.input(1);
      boolean ta = op.attributes().getAttrBool("transpose_a");
      boolean tb = op.attributes().getAttrBool("transpose_b");
      return new Product(
          List.of(Dim.of(a, ta ? 1 : 0), Dim.of(b, tb ? 0 : 1), Dim.of(a, ta ? 0 : 1)));
    }
    if (MATMULS.contains(type)) {
      return batchMatMul(op);
    }
    if (type.equals("Conv2D")) {
      return conv2d(op);
    }
    if (type.equals("Einsum")) {
      return einsum(op);
    }
    return null;
  }

  /** [..., M, K] x [..., K, N] (either adjointed), batch axes broadcast. */
  private static Product batchMatMul(GraphOperation op) {
    Output<?> x = op.input(0);
    Output<?> y = op.input(1);
    int rx = rank(x);
    int ry = rank(y);
    boolean ax = op.attributes().getAttrBool("adj_x");
    boolean ay = op.attributes().getAttrBool("adj_y");
    List<Dim> dims = new ArrayList<>();
    for (int j = Math.max(rx, ry) - 2; j >= 1; j--) { // j-th batch axis from the right
      List<Output<?>> sources = new ArrayList<>();
      List<Integer> axes = new ArrayList<>();
      if (rx - 2 >= j) {
        sources.add(x);
        axes.add(rx - 2 - j);
      }
      if (ry - 2 >= j) {
        sources.add(y);
        axes.add(ry - 2 - j);
      }
      dims.add(new Dim(sources, axes));
    }
    dims.add(Dim.of(x, ax ? rx - 1 : rx - 2));
    dims.add(Dim.of(y, ay ? ry - 2 : ry - 1));
    dims.add(Dim.of(x, ax ? rx - 2 : rx - 1));
    return new Product(dims);
  }

  /**
   * NHWC input, [kh, kw, in, out] filter: batch x output pixels x out x (kh kw in). The output's
   * spatial size is read from its static shape, which TensorFlow infers from the input's.
   */
  private static Product conv2d(GraphOperation op) {
    Output<?> input = op.input(0);
    Output<?> filter = op.input(1);
    Shape out = op.output(0).shape();
    if (out.isUnknown() || out.get(1) < 0 || out.get(2) < 0) {
      throw new IllegalStateException(
          "cannot count the FLOPs of " + op.name() + ": its output's height and width are unknown");
    }
    List<Dim> dims = new ArrayList<>();
    dims.add(Dim.of(input, 0));
    dims.add(Dim.of(op.output(0), 1)); // static: its shape is read, the tensor is not consumed
    dims.add(Dim.of(op.output(0), 2));
    for (int axis = 0; axis < 4; axis++) {
      dims.add(Dim.of(filter, axis));
    }
    return new Product(dims);
  }

  /**
   * An einsum without ellipsis: the product of every letter's size (each letter once: the output's
   * and the summed ones), read from the operands that have it.
   */
  private static Product einsum(GraphOperation op) {
    String equation = op.attributes().getAttrString("equation").replace(" ", "");
    if (equation.contains(".")) {
      throw new IllegalStateException(
          "cannot count the FLOPs of "
              + op.name()
              + ": einsum with an ellipsis ("
              + equation
              + ")");
    }
    String[] inputs = equation.split("->")[0].split(",");
    Map<Character, Dim> letters = new TreeMap<>();
    for (int i = 0; i < inputs.length; i++) {
      for (int j = 0; j < inputs[i].length(); j++) {
        char c = inputs[i].charAt(j);
        Dim seen = letters.get(c);
        List<Output<?>> sources = new ArrayList<>(seen == null ? List.of() : seen.sources());
        List<Integer> axes = new ArrayList<>(seen == null ? List.of() : seen.axes());
        sources.add(op.input(i));
        axes.add(j);
        letters.put(c, new Dim(sources, axes));
      }
    }
    return new Product(new ArrayList<>(letters.values()));
  }
}
