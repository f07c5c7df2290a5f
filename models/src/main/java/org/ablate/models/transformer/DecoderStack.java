package org.ablate.models.transformer;

import java.util.ArrayList;
import java.util.List;
import org.ablate.core.graph.CallScope;
import org.ablate.layers.attention.AttentionMemory;
import org.ablate.layers.attention.MultiHeadAttention;
import org.ablate.layers.norm.Norm;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** N decoder layers, plus the final norm of a pre-norm stack (null for post-norm). */
public final class DecoderStack extends BlockStack {
  private final List<DecoderBlock> blocks;
  private final Norm finalNorm;

  public DecoderStack(String name, List<DecoderBlock> blocks, Norm finalNorm) {
    this(name, blocks, finalNorm, DeepNormScales.NONE);
  }

  /** A stack whose blocks' weights start scaled by DeepNorm's beta ({@code scales}). */
  public DecoderStack(
      String name, List<DecoderBlock> blocks, Norm finalNorm, DeepNormScales scales) {
    super(name, scales);
    blocks.forEach(this::add);
    this.blocks = List.copyOf(blocks);
    this.finalNorm = finalNorm == null ? null : add(finalNorm);
  }

  /** Each layer's cross-attention keys and values for the encoder output {@code [B, S, D]}. */
  public List<AttentionMemory> prepare(
      CallScope cs, Operand<TFloat32> memory, Operand<TFloat32> memoryMask) {
    checkBuilt();
    List<AttentionMemory> prepared = new ArrayList<>();
    for (DecoderBlock block : blocks) {
      prepared.add(block.prepare(cs, memory, memoryMask));
    }
    return prepared;
  }

  /** {@code y [B, T, D]} -> {@code [B, T, D]}, reading prepared encoder memory. */
  public Operand<TFloat32> call(
      CallScope cs, Operand<TFloat32> y, Operand<TFloat32> selfMask, List<AttentionMemory> memory) {
    checkBuilt();
    Operand<TFloat32> h = y;
    for (int i = 0; i < blocks.size(); i++) {
      h = blocks.get(i).call(cs, h, selfMask, memory.get(i));
    }
    return normalize(cs, h);
  }

  /** The final norm of a pre-norm stack; identity for post-norm. */
  private Operand<TFloat32> normalize(CallScope cs, Operand<TFloat32> h) {
    return finalNorm == null ? h : finalNorm.call(cs, h);
  }

  /**
   * One incremental decoding step over all layers: {@code y [B, 1, D]} and each layer's cached
   * self-attention keys and values ({@code caches} holds keys and values per layer, in order).
   * Returns the output {@code [B, 1, D]} and the grown caches, in the same order.
   */
  public Cached step(
      CallScope cs,
      Operand<TFloat32> y,
      List<Operand<TFloat32>> caches,
      List<AttentionMemory> memory) {
    checkBuilt();
    Operand<TFloat32> h = y;
    List<Operand<TFloat32>> grown = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      MultiHeadAttention.CachedStep s =
          blocks.get(i).step(cs, h, caches.get(2 * i), caches.get(2 * i + 1), memory.get(i));
      h = s.output();
      grown.add(s.keys());
      grown.add(s.values());
    }
    return new Cached(normalize(cs, h), grown);
  }

  /** The output of {@link #step} and the grown caches. */
  public record Cached(Operand<TFloat32> output, List<Operand<TFloat32>> caches) {}

  /** The layers, bottom first. */
  public List<DecoderBlock> blocks() {
    return blocks;
  }

  public int depth() {
    return blocks.size();
  }

  @Override
  public String describe() {
    return "DecoderStack("
        + blocks.size()
        + " layers"
        + (finalNorm == null ? "" : ", final norm")
        + ")";
  }
}
