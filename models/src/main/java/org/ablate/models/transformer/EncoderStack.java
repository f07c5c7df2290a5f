package org.ablate.models.transformer;

import java.util.List;
import org.ablate.core.graph.CallScope;
import org.ablate.layers.norm.Norm;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** N encoder layers, plus the final norm of a pre-norm stack (null for post-norm). */
public final class EncoderStack extends BlockStack {
  private final List<EncoderBlock> blocks;
  private final Norm finalNorm;

  public EncoderStack(String name, List<EncoderBlock> blocks, Norm finalNorm) {
    this(name, blocks, finalNorm, DeepNormScales.NONE);
  }

  /** A stack whose blocks' weights start scaled by DeepNorm's beta ({@code scales}). */
  public EncoderStack(
      String name, List<EncoderBlock> blocks, Norm finalNorm, DeepNormScales scales) {
    super(name, scales);
    blocks.forEach(this::add);
    this.blocks = List.copyOf(blocks);
    this.finalNorm = finalNorm == null ? null : add(finalNorm);
  }

  /** {@code x [B, S, D]}, {@code mask} broadcastable to {@code [B, S, S]} -> {@code [B, S, D]}. */
  public Operand<TFloat32> call(CallScope cs, Operand<TFloat32> x, Operand<TFloat32> mask) {
    checkBuilt();
    Operand<TFloat32> h = x;
    for (EncoderBlock block : blocks) {
      h = block.call(cs, h, mask);
    }
    return finalNorm == null ? h : finalNorm.call(cs, h);
  }

  public int depth() {
    return blocks.size();
  }

  @Override
  public String describe() {
    return "EncoderStack("
        + blocks.size()
        + " layers"
        + (finalNorm == null ? "" : ", final norm")
        + ")";
  }
}
