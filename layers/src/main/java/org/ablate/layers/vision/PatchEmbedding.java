package org.ablate.layers.vision;

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
 */
public final class PatchEmbedding extends Layer {
  private final int height;
  private final int width;
  private final int channels;
  private final int patch;
  private final Dense projection;

  public PatchEmbedding(String name, int height, int width, int channels, int patch, int dModel) {
    super(name);
    if (patch <= 0 || height % patch != 0 || width % patch != 0) {
      throw new IllegalArgumentException(
          "patch size " + patch + " must divide the image size " + height + "x" + width);
    }
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.patch = patch;
    this.projection = add(new Dense("projection", patch * patch * channels, dModel));
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
        + " -> "
        + patches()
        + " tokens)";
  }
}
