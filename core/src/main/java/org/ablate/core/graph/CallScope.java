package org.ablate.core.graph;

import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Constant;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;

/**
 * The scope in which a layer adds ops during a call: a name scope, the training flag (dropout on or
 * off), and the precision-aware matmuls every layer uses. A layer may be called several times, for
 * example once for training and once for decoding; each call adds its own ops and shares weights.
 */
public final class CallScope {
  private final GraphContext context;
  private final Ops tf;
  private final boolean training;

  CallScope(GraphContext context, Ops tf, boolean training) {
    this.context = context;
    this.tf = tf;
    this.training = training;
  }

  public Ops tf() {
    return tf;
  }

  public boolean training() {
    return training;
  }

  public GraphContext context() {
    return context;
  }

  /** A nested name scope. */
  public CallScope child(String name) {
    return new CallScope(context, tf.withSubScope(name), training);
  }

  /**
   * Inverted dropout: in training, zeroes each element with probability {@code rate} and scales the
   * rest by 1/(1-rate); at inference, the identity. The mask comes from a stateless generator keyed
   * by the step seed and this call site, so it is a pure function of (seed, step, site).
   *
   * <p>Deviation for speed: when the last dimension is a multiple of 4, each random 32-bit word
   * gives four 8-bit uniforms (a quarter of the random numbers to generate), so the drop
   * probability is rounded to a multiple of 1/256 (0.1 becomes 26/256 = 0.1016); the survivors are
   * scaled by the exact inverse of the rounded keep probability, so expectations are preserved.
   */
  public Operand<TFloat32> dropout(Operand<TFloat32> x, double rate) {
    if (!training || rate <= 0) {
      return x;
    }
    if (rate >= 1) {
      throw new IllegalArgumentException("dropout rate must be below 1, got " + rate);
    }
    Operand<TInt64> seed = siteSeed();
    Shape shape = x.shape();
    int rank = shape.numDimensions();
    long last = rank > 0 ? shape.size(rank - 1) : -1;
    Operand<TBool> keep;
    double keepProbability;
    if (last > 0 && last % 4 == 0) {
      int threshold = (int) Math.round(rate * 256);
      keepProbability = 1 - threshold / 256.0;
      Operand<TInt32> wordsShape = leadingShapeWith(x, last / 4);
      Operand<TInt32> words =
          tf.random.statelessRandomUniformFullInt(wordsShape, seed, TInt32.class);
      Operand<TUint8> bytes = tf.reshape(tf.bitcast(words, TUint8.class), tf.shape(x));
      keep = tf.math.greaterEqual(bytes, tf.constant((byte) threshold));
    } else {
      keepProbability = 1 - rate;
      Operand<TFloat32> u = tf.random.statelessRandomUniform(tf.shape(x), seed, TFloat32.class);
      keep = tf.math.greaterEqual(u, tf.constant((float) rate));
    }
    Operand<TFloat32> scaled = tf.math.mul(x, tf.constant((float) (1.0 / keepProbability)));
    return tf.select(keep, scaled, tf.constant(0f));
  }

  /**
   * Stochastic depth (Huang et al. 2016) for a residual branch {@code x} of shape {@code [B, ...]}:
   * in training, zeroes all of each example's {@code x} with probability {@code rate} and scales
   * the surviving examples by 1/(1-rate); at inference, the identity. One uniform per example, from
   * the same stateless (seed, step, site) keying as {@link #dropout}.
   */
  public Operand<TFloat32> dropPath(Operand<TFloat32> x, double rate) {
    if (!training || rate <= 0) {
      return x;
    }
    if (rate >= 1) {
      throw new IllegalArgumentException("drop path rate must be below 1, got " + rate);
    }
    int rank = x.shape().numDimensions();
    int[] ones = new int[rank - 1];
    Arrays.fill(ones, 1);
    Operand<TInt32> perExample =
        tf.concat(
            List.of(
                tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1})),
                tf.constant(ones)),
            tf.constant(0));
    Operand<TFloat32> u = tf.random.statelessRandomUniform(perExample, siteSeed(), TFloat32.class);
    Operand<TFloat32> scale =
        tf.select(
            tf.math.greaterEqual(u, tf.constant((float) rate)),
            tf.constant((float) (1.0 / (1.0 - rate))),
            tf.constant(0f));
    return tf.math.mul(x, scale);
  }

  /** The seed of the next random call site: the step seed offset by the site's number. */
  private Operand<TInt64> siteSeed() {
    int site = context.nextDropoutSite();
    return tf.math.add(context.stepSeed(), tf.constant(new long[] {site * 0x632BE59BD9B4E019L, 0}));
  }

  /**
   * A 2-D matmul {@code a @ b} (or {@code a @ b^T}) in the graph's precision, returning float32.
   */
  public Operand<TFloat32> matmul(Operand<TFloat32> a, Operand<TFloat32> b, boolean transposeB) {
    if (context.precision() == Precision.BFLOAT16) {
      Operand<TBfloat16> product =
          tf.linalg.matMul(
              tf.dtypes.cast(a, TBfloat16.class),
              tf.dtypes.cast(b, TBfloat16.class),
              MatMul.transposeB(transposeB));
      return tf.dtypes.cast(product, TFloat32.class);
    }
    return tf.linalg.matMul(a, b, MatMul.transposeB(transposeB));
  }

  /** A batched matmul over leading dimensions, {@code a @ b} or {@code a @ b^T}. */
  public Operand<TFloat32> batchMatmul(Operand<TFloat32> a, Operand<TFloat32> b, boolean adjointB) {
    if (context.precision() == Precision.BFLOAT16) {
      Operand<TBfloat16> product =
          batchMatMulV2(
              tf.dtypes.cast(a, TBfloat16.class), tf.dtypes.cast(b, TBfloat16.class), adjointB);
      return tf.dtypes.cast(product, TFloat32.class);
    }
    return batchMatMulV2(a, b, adjointB);
  }

  /**
   * {@code BatchMatMulV2}, built directly: TF Java's generated wrapper emits {@code BatchMatMulV3},
   * which TensorFlow's oneDNN rewrite leaves on the slower default kernel (measured in
   * docs/benchmarks.md). Both have C++ gradients; the gradient's products are BatchMatMulV3.
   */
  @SuppressWarnings("unchecked")
  private <T extends org.tensorflow.types.family.TType> Operand<T> batchMatMulV2(
      Operand<T> a, Operand<T> b, boolean adjointB) {
    org.tensorflow.op.Scope scope = tf.scope();
    org.tensorflow.Operation op =
        scope
            .opBuilder("BatchMatMulV2", "BatchMatMulV2")
            .addInput(a.asOutput())
            .addInput(b.asOutput())
            .setAttr("adj_x", false)
            .setAttr("adj_y", adjointB)
            .build();
    return (Operand<T>) op.output(0);
  }

  /**
   * {@code x @ kernel} over the last axis of an input of any rank ≥ 2 ({@code [..., in] -> [...,
   * out]}), reshaping to 2-D around a single matmul.
   */
  public Operand<TFloat32> project(
      Operand<TFloat32> x, Operand<TFloat32> kernel, boolean transposeKernel) {
    Shape shape = x.shape();
    if (shape.numDimensions() == 2) {
      return matmul(x, kernel, transposeKernel);
    }
    Shape k = kernel.shape();
    long in = transposeKernel ? k.size(1) : k.size(0);
    long out = transposeKernel ? k.size(0) : k.size(1);
    Operand<TFloat32> flat = tf.reshape(x, tf.constant(new long[] {-1, in}));
    Operand<TFloat32> y = matmul(flat, kernel, transposeKernel);
    return tf.reshape(y, leadingShapeWith(x, out));
  }

  /**
   * {@code x @ kernel + bias} over the last axis; the bias is added to the 2-D product before the
   * reshape, so TensorFlow's remapper can fuse it into the matmul.
   */
  public Operand<TFloat32> projectWithBias(
      Operand<TFloat32> x, Operand<TFloat32> kernel, Operand<TFloat32> bias) {
    Shape shape = x.shape();
    if (shape.numDimensions() == 2) {
      return tf.nn.biasAdd(matmul(x, kernel, false), bias);
    }
    long in = kernel.shape().size(0);
    long out = kernel.shape().size(1);
    Operand<TFloat32> flat = tf.reshape(x, tf.constant(new long[] {-1, in}));
    Operand<TFloat32> y = tf.nn.biasAdd(matmul(flat, kernel, false), bias);
    return tf.reshape(y, leadingShapeWith(x, out));
  }

  /** The dynamic shape of {@code x} with its last dimension replaced by {@code last}. */
  public Operand<TInt32> leadingShapeWith(Operand<?> x, long last) {
    Shape shape = x.shape();
    int rank = shape.numDimensions();
    boolean leadingKnown = rank > 0;
    for (int i = 0; i < rank - 1 && leadingKnown; i++) {
      leadingKnown = shape.size(i) >= 0;
    }
    if (leadingKnown) {
      int[] dims = new int[rank];
      for (int i = 0; i < rank - 1; i++) {
        dims[i] = (int) shape.size(i);
      }
      dims[rank - 1] = (int) last;
      return tf.constant(dims);
    }
    Operand<TInt32> dyn = tf.shape(x);
    Operand<TInt32> leading =
        tf.slice(dyn, tf.constant(new int[] {0}), tf.constant(new int[] {rank - 1}));
    Constant<TInt32> tail = tf.constant(new int[] {(int) last});
    return tf.concat(List.of(leading, tail), tf.constant(0));
  }
}
