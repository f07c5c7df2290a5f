package org.ablate.layers.vision;

import java.util.ArrayList;
import java.util.List;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Layer;
import org.ablate.layers.dense.Activation;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A convolutional stem for a Vision Transformer (Xiao et al. 2021, "Early Convolutions Help
 * Transformers See Better"): one 3x3 convolution with stride 2, "same" padding and ReLU per entry
 * of {@code channels}, {@code [B, H, W, C] -> [B, H', W', C_last]} with each side halved, rounding
 * up, once per convolution (28 -> 14 -> 7 -> 4). The patch embedding then cuts the stem's feature
 * map instead of the image; with patch size 1 it is the paper's closing 1x1 convolution to D.
 *
 * <p>Departure: the paper puts BatchNorm between each convolution and its ReLU. This stem has no
 * normalisation, as the graphs here keep no batch statistics; its three or four convolutions train
 * without it.
 */
public final class ConvStem extends Layer {
  private static final int STRIDE = 2;
  private final List<Conv2d> convs = new ArrayList<>();
  private final int outHeight;
  private final int outWidth;
  private final int outChannels;

  public ConvStem(String name, int height, int width, int channels, List<Integer> widths) {
    super(name);
    int in = channels;
    for (int i = 0; i < widths.size(); i++) {
      convs.add(add(new Conv2d("conv_" + i, 3, in, widths.get(i), Activation.RELU, STRIDE)));
      in = widths.get(i);
    }
    this.outHeight = outputSide(height, widths.size());
    this.outWidth = outputSide(width, widths.size());
    this.outChannels = in;
  }

  /**
   * The side of the feature map that {@code convolutions} stride-2 convolutions make of {@code
   * side}.
   */
  public static int outputSide(int side, int convolutions) {
    int n = side;
    for (int i = 0; i < convolutions; i++) {
      n = Conv2d.outputSize(n, STRIDE);
    }
    return n;
  }

  /** The height of the feature map the stem produces. */
  public int outHeight() {
    return outHeight;
  }

  /** The width of the feature map the stem produces. */
  public int outWidth() {
    return outWidth;
  }

  /** The channels of the feature map the stem produces (the input's with no convolutions). */
  public int outChannels() {
    return outChannels;
  }

  /** {@code [B, H, W, C] -> [B, H', W', C_last]}. */
  public Operand<TFloat32> call(CallScope cs, Operand<TFloat32> images) {
    checkBuilt();
    Operand<TFloat32> x = images;
    for (Conv2d conv : convs) {
      x = conv.call(cs, x);
    }
    return x;
  }

  @Override
  public String describe() {
    return "ConvStem("
        + convs.size()
        + " x 3x3 stride-2 conv + ReLU -> "
        + outHeight
        + "x"
        + outWidth
        + "x"
        + outChannels
        + ")";
  }
}
