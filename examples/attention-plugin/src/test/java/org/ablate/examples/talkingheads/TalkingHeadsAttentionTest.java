package org.ablate.examples.talkingheads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ablate.core.graph.CallScope;
import org.ablate.core.testing.Tf;
import org.ablate.layers.attention.AttentionSpec;
import org.ablate.layers.testing.LayerContracts;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Talking-heads attention against a case computed by hand, and Ablate's layer contract. */
class TalkingHeadsAttentionTest {
  // One query per head (H = 2, d_k = 1) over two keys: head 0 sees logits [1, 0], head 1 [0, 2].
  private static final float[][][][] Q = {{{{1}}, {{2}}}};
  private static final float[][][][] K = {{{{1}, {0}}, {{0}, {1}}}};
  private static final float[][][][] V = {{{{1}, {3}}, {{2}, {4}}}};

  private static double[] softmax(double a, double b) {
    double ea = Math.exp(a);
    double eb = Math.exp(b);
    return new double[] {ea / (ea + eb), eb / (ea + eb)};
  }

  private static float[] attend(TalkingHeadsConfig config, float[][] logitMix, float[][] weightMix) {
    try (Tf tf = new Tf()) {
      TalkingHeadsAttention a =
          new TalkingHeadsAttention("attention", new AttentionSpec(1, 1, 0.0, 2), config);
      a.build(tf.context.params());
      Ops ops = tf.context.tf();
      if (logitMix != null) {
        tf.run(ops.assign(a.logitMix(), ops.constant(logitMix)));
      }
      if (weightMix != null) {
        tf.run(ops.assign(a.weightMix(), ops.constant(weightMix)));
      }
      CallScope cs = tf.context.call("c", false);
      Operand<TFloat32> out =
          a.call(cs, ops.constant(Q), ops.constant(K), ops.constant(V), null); // [1, 2, 1, 1]
      return tf.run(out);
    }
  }

  @Test
  void startsAsScaledDotProductAttention() {
    double[] w0 = softmax(1, 0);
    double[] w1 = softmax(0, 2);
    float[] expected = {(float) (w0[0] * 1 + w0[1] * 3), (float) (w1[0] * 2 + w1[1] * 4)};
    assertArrayEquals(expected, attend(new TalkingHeadsConfig(true, true), null, null), 1e-6f);
  }

  @Test
  void mixesLogitsBeforeAndWeightsAfterTheSoftmaxAsComputedByHand() {
    // J'_g = sum_h J_h P_l[h, g] with P_l = [[1, 0.5], [0, 1]]: J'_0 = [1, 0], J'_1 = [0.5, 2].
    double[] a0 = softmax(1, 0);
    double[] a1 = softmax(0.5, 2);
    // W'_h = sum_g A_g P_w[g, h] with P_w = [[1, 0], [0.5, 0.5]].
    double[] w0 = {a0[0] + 0.5 * a1[0], a0[1] + 0.5 * a1[1]};
    double[] w1 = {0.5 * a1[0], 0.5 * a1[1]};
    float[] expected = {(float) (w0[0] * 1 + w0[1] * 3), (float) (w1[0] * 2 + w1[1] * 4)};
    float[] got =
        attend(
            new TalkingHeadsConfig(true, true),
            new float[][] {{1, 0.5f}, {0, 1}},
            new float[][] {{1, 0}, {0.5f, 0.5f}});
    assertArrayEquals(expected, got, 1e-6f);
  }

  @Test
  void eachMixCanBeSwitchedOff() {
    // Logits only: P_l mixes, weights stay per head.
    double[] a0 = softmax(1, 0);
    double[] a1 = softmax(0.5, 2);
    float[] expected = {(float) (a0[0] * 1 + a0[1] * 3), (float) (a1[0] * 2 + a1[1] * 4)};
    assertArrayEquals(
        expected,
        attend(new TalkingHeadsConfig(true, false), new float[][] {{1, 0.5f}, {0, 1}}, null),
        1e-6f);
  }

  @Test
  void honoursTheAttentionContractOfEveryBuiltInAttention() {
    long h = LayerContracts.HEADS;
    LayerContracts.attention(TalkingHeadsAttention::new, new TalkingHeadsConfig(true, true), 2 * h * h);
    LayerContracts.attention(TalkingHeadsAttention::new, new TalkingHeadsConfig(false, true), h * h);
  }

  @Test
  void refusesASingleHead() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new TalkingHeadsAttention(
                    "a", new AttentionSpec(4, 4, 0.0), new TalkingHeadsConfig(true, true)));
    assertEquals(true, e.getMessage().contains("needs multi-head attention"), e.getMessage());
  }
}
