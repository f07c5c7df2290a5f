package org.ablate.examples.talkingheads;

import java.util.List;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Initializer;
import org.ablate.core.graph.ParamScope;
import org.ablate.layers.attention.Attention;
import org.ablate.layers.attention.AttentionSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Talking-heads attention (Shazeer, Lan, Cheng, Ding and Hou 2020, "Talking-Heads Attention",
 * arXiv:2003.02436, eq. 4-6): the H heads' logits J = Q K^T / sqrt(d_k) are mixed across heads by
 * a learned {@code [H, H]} matrix P_l before the softmax, and the weights after the softmax by
 * another, P_w: J'_g = sum_h J_h P_l[h, g], W = softmax(J' + mask), W'_h = sum_g W_g P_w[g, h],
 * then each head attends with W'_h. Legend: B batch, H heads, Tq queries, Tk keys, Dh head width.
 *
 * <p>Departures from the paper: the numbers of logit, softmax and value heads are all H (the paper
 * allows them to differ), and both mixes start as the identity, so the layer starts as the
 * Transformer's scaled dot-product attention. Masked keys keep weight 0 after the weight mix,
 * since it combines heads at the same (query, key) position and every head masks the same keys.
 */
final class TalkingHeadsAttention extends Attention {
  private final TalkingHeadsConfig config;
  private Variable<TFloat32> logitMix;
  private Variable<TFloat32> weightMix;

  TalkingHeadsAttention(String name, AttentionSpec spec, TalkingHeadsConfig config) {
    super(name, spec);
    this.config = config;
    requireEqualWidths("talking-heads attention", "");
    if (spec.heads() < 2) {
      throw new IllegalArgumentException(
          "talking-heads attention mixes heads, so it needs multi-head attention (a Transformer,"
              + " heads >= 2), not "
              + spec.heads()
              + " head");
    }
  }

  @Override
  protected void createParams(ParamScope scope) {
    long h = spec.heads();
    if (config.mixLogits()) {
      logitMix = param(scope, "logit_mix", new long[] {h, h}, identity((int) h));
    }
    if (config.mixWeights()) {
      weightMix = param(scope, "weight_mix", new long[] {h, h}, identity((int) h));
    }
  }

  /** An initializer of the {@code [h, h]} identity. */
  private static Initializer identity(int h) {
    float[][] eye = new float[h][h];
    for (int i = 0; i < h; i++) {
      eye[i][i] = 1;
    }
    return (tf, shape, seed) -> tf.constant(eye);
  }

  @Override
  protected Operand<TFloat32> scores(CallScope cs, Operand<TFloat32> q, Operand<TFloat32> keys) {
    float scale = (float) (1.0 / Math.sqrt(spec.keyDim()));
    Operand<TFloat32> logits =
        cs.batchMatmul(cs.tf().math.mul(q, cs.tf().constant(scale)), keys, true); // [B, H, Tq, Tk]
    return config.mixLogits() ? mix(cs.tf(), logits, logitMix) : logits;
  }

  @Override
  protected Operand<TFloat32> afterSoftmax(CallScope cs, Operand<TFloat32> weights) {
    return config.mixWeights() ? mix(cs.tf(), weights, weightMix) : weights;
  }

  /** {@code x [B, H, Tq, Tk]} mixed across heads: out_g = sum_h x_h P[h, g]. */
  private static Operand<TFloat32> mix(Ops tf, Operand<TFloat32> x, Operand<TFloat32> p) {
    return tf.linalg.einsum(List.of(x, p), "bhqk,hg->bgqk");
  }

  Variable<TFloat32> logitMix() {
    return logitMix;
  }

  Variable<TFloat32> weightMix() {
    return weightMix;
  }

  @Override
  public String describe() {
    return "TalkingHeadsAttention(heads="
        + spec.heads()
        + ", d_k="
        + spec.keyDim()
        + ", mix_logits="
        + config.mixLogits()
        + ", mix_weights="
        + config.mixWeights()
        + ")";
  }
}
