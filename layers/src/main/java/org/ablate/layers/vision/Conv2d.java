package org.ablate.layers.vision;

import java.util.List;
import java.util.Locale;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Initializer;
import org.ablate.core.graph.Layer;
import org.ablate.core.graph.ParamScope;
import org.ablate.layers.dense.Activation;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A 2-D convolution with "same" padding, NHWC: {@code [B, H, W, Cin] -> [B, ceil(H/s), ceil(W/s),
 * Cout]} for stride s (1 unless given), followed by an activation. Weights {@code kernel [k, k,
 * Cin, Cout]} and {@code bias [Cout]}. With stride s, TensorFlow's "same" padding puts the extra
 * pixel (if the padding is odd) at the bottom and right.
 */
public final class Conv2d extends Layer {
  private final int kernelSize;
  private final int inChannels;
  private final int outChannels;
  private final Activation activation;
  private final int stride;
  private Variable<TFloat32> kernel;
  private Variable<TFloat32> bias;

  public Conv2d(
      String name, int kernelSize, int inChannels, int outChannels, Activation activation) {
    this(name, kernelSize, inChannels, outChannels, activation, 1);
  }

  public Conv2d(
      String name,
      int kernelSize,
      int inChannels,
      int outChannels,
      Activation activation,
      int stride) {
    super(name);
    if (stride < 1) {
      throw new IllegalArgumentException("convolution stride " + stride + " must be at least 1");
    }
    this.stride = stride;
    this.kernelSize = kernelSize;
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.activation = activation;
  }

  @Override
  protected void createParams(ParamScope scope) {
    kernel =
        param(
            scope,
            "kernel",
            new long[] {kernelSize, kernelSize, inChannels, outChannels},
            Initializer.glorotUniform());
    bias = param(scope, "bias", new long[] {outChannels}, Initializer.zeros());
  }

  public Operand<TFloat32> call(CallScope cs, Operand<TFloat32> x) {
    checkBuilt();
    Ops tf = cs.tf();
    Operand<TFloat32> y =
        tf.nn.conv2d(x, kernel, List.of(1L, (long) stride, (long) stride, 1L), "SAME");
    return activation.apply(tf, tf.nn.biasAdd(y, bias));
  }

  /** The output side of this convolution for an input side {@code n}: ceil(n / stride). */
  public int outputSize(int n) {
    return outputSize(n, stride);
  }

  /** The output side of a "same" convolution with {@code stride} for an input side {@code n}. */
  public static int outputSize(int n, int stride) {
    return (n + stride - 1) / stride;
  }

  /** 2 x 2 max pooling with stride 2: {@code [B, H, W, C] -> [B, H/2, W/2, C]}. */
  public static Operand<TFloat32> maxPool2x2(Ops tf, Operand<TFloat32> x) {
    return tf.nn.maxPool(
        x, tf.constant(new int[] {1, 2, 2, 1}), tf.constant(new int[] {1, 2, 2, 1}), "VALID");
  }

  @Override
  public String describe() {
    return "Conv2d("
        + kernelSize
        + "x"
        + kernelSize
        + ", "
        + inChannels
        + " -> "
        + outChannels
        + (stride > 1 ? ", stride " + stride : "")
        + ", "
        + activation.name().toLowerCase(Locale.ROOT)
        + ")";
  }
}
