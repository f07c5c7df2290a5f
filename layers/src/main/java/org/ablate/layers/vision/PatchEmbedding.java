package org.ablate.layers.vision;

import java.util.List;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Layer;
import org.ablate.layers.dense.Dense;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * ViT's patches as tokens (Dosovitskiy et al. 2021, eq. 1): an image {@code [B, H, W, C]} is cut
 * into N = (H/P)(W/P) non-overlapping P x P patches, each flattened to P P C values (row-major
 * within the patch, channels last) and linearly projected to D: {@code [B, N, D]}. Patches are
 * ordered row by row. Same as a P x P convolution with stride P.
 *
 * <p>With an overlap of m pixels each token is still one of the same N patches but also sees m
 * pixels of its neighbours on every side: a (P + 2m) x (P + 2m) window around the patch (zeros
 * beyond the image border) is flattened the same way and projected, i.e. a (P + 2m) x (P + 2m)
 * convolution with stride P and m pixels of zero padding, as in overlapping patch embeddings (Wang
 * et al. 2022, PVT v2). m = 0 is the paper's embedding.
 */
public final class PatchEmbedding extends Layer {
  private final int height;
  private final int width;
  private final int channels;
  private final int patch;
  private final int overlap;
  private final int window;
  private final Dense projection;

  public PatchEmbedding(String name, int height, int width, int channels, int patch, int dModel) {
    this(name, height, width, channels, patch, 0, dModel);
  }

  public PatchEmbedding(
      String name, int height, int width, int channels, int patch, int overlap, int dModel) {
    super(name);
    if (patch <= 0 || height % patch != 0 || width % patch != 0) {
      throw new IllegalArgumentException(
          "patch size " + patch + " must divide the image size " + height + "x" + width);
    }
    if (overlap < 0 || overlap > patch) {
      throw new IllegalArgumentException(
          "patch overlap " + overlap + " must be between 0 and the patch size " + patch);
    }
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.patch = patch;
    this.overlap = overlap;
    this.window = patch + 2 * overlap;
    this.projection = add(new Dense("projection", window * window * channels, dModel));
  }

  public int patches() {
    return (height / patch) * (width / patch);
  }

  /** {@code [B, H, W, C] -> [B, N, D]}. */
  public Operand<TFloat32> call(CallScope cs, Operand<TFloat32> images) {
    checkBuilt();
    Ops tf = cs.tf();
    int gh = height / patch;
    int gw = width / patch;
    if (overlap > 0) {
      // zero-pad m pixels, then (P + 2m)-windows at stride P: [B, gh, gw, (P + 2m)^2 C]
      long m = overlap;
      Operand<TFloat32> padded =
          tf.pad(
              images, tf.constant(new long[][] {{0, 0}, {m, m}, {m, m}, {0, 0}}), tf.constant(0f));
      long w = window;
      long p = patch;
      Operand<TFloat32> windows =
          tf.image.extractImagePatches(
              padded,
              List.of(1L, w, w, 1L),
              List.of(1L, p, p, 1L),
              List.of(1L, 1L, 1L, 1L),
              "VALID");
      return projection.call(
          cs,
          tf.reshape(windows, tf.constant(new int[] {-1, gh * gw, window * window * channels})));
    }
    // [B, gh, P, gw, P, C] -> [B, gh, gw, P, P, C] -> [B, N, P P C]
    Operand<TFloat32> grid =
        tf.reshape(images, tf.constant(new int[] {-1, gh, patch, gw, patch, channels}));
    Operand<TFloat32> ordered =
        tf.linalg.transpose(grid, tf.constant(new int[] {0, 1, 3, 2, 4, 5}));
    Operand<TFloat32> flat =
        tf.reshape(ordered, tf.constant(new int[] {-1, gh * gw, patch * patch * channels}));
    return projection.call(cs, flat);
  }

  @Override
  public String describe() {
    return "PatchEmbedding("
        + height
        + "x"
        + width
        + "x"
        + channels
        + ", patch "
        + patch
        + (overlap > 0 ? " + " + overlap + " px overlap" : "")
        + " -> "
        + patches()
        + " tokens)";
  }
}
