package org.ablate.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.ablate.core.graph.CallScope;
import org.ablate.core.testing.Tf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Operand;
import org.tensorflow.types.TInt32;

/**
 * The Transformer's decoding steps with a key/value cache compute what the teacher-forced decoder
 * computes over the whole prefix: at every step, the next-token logits equal that position's row of
 * {@code logits(source, targetIn)}, and each layer's cache holds one more position.
 */
class IncrementalDecodingTest {
  private static final String BASE =
      "type: transformer\nd_model: 16\nheads: 2\nd_ff: 32\nencoder_layers: 2\ndecoder_layers: 2\n"
          + "dropout: 0.1\n";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "norm: post\n",
        "norm: pre\npositional_encoding: learned\n",
        "norm: pre\nshare_embeddings: true\ntie_output: true\nfeed_forward: gelu\n",
        "norm: post\npositional_encoding: none\nnorm_type: rms_norm\n",
        "norm: pre\npositional_encoding: rotary\nnorm_type: rms_norm\nfeed_forward: swiglu\n",
        "norm: post\npositional_encoding: {type: rotary, base: 100}\n",
        "norm: pre\npositional_encoding: alibi\nfeed_forward: geglu\n",
        "norm: pre\npositional_encoding: rotary\nmulti_head: {type: standard, kv_heads: 1, qk_norm: l2, bias: false}\n",
        "norm: post\nmulti_head: {type: standard, kv_heads: 2}\n",
        "norm: sandwich\npositional_encoding: t5_bias\n",
        "norm: deep\npositional_encoding: {type: shaw, clip: 2}\n"
      })
  void cachedStepsGiveTheTeacherForcedLogits(String variant) {
    int[][] source = {{5, 6, 7, 8, 2}, {9, 4, 2, 0, 0}}; // the second source is padded
    int[][] targetIn = {{1, 7, 9, 4, 6, 3}, {1, 5, 5, 8, 3, 10}};
    int batch = source.length;
    int steps = targetIn[0].length;
    int v = 12;
    try (Tf tf = new Tf(3)) {
      Seq2SeqModel m =
          (Seq2SeqModel) TestModels.create(BASE + variant, DataSpec.sequences(v, v, 16));
      m.network().build(tf.context.params());
      Operand<TInt32> src = tf.ids(source, true);
      float[] full =
          tf.run(m.logits(tf.context.call("teacher_forced", false), src, tf.ids(targetIn, true)));
      assertEquals(batch * steps * v, full.length);
      CallScope cs = tf.context.call("decode", false);
      Seq2SeqModel.Encoded encoded = m.encode(cs, src);
      List<Operand<?>> state = encoded.initialState();
      assertEquals(2 * 2, state.size(), "keys and values for each of the 2 decoder layers");
      for (int t = 0; t < steps; t++) {
        int[] column = new int[batch];
        for (int b = 0; b < batch; b++) {
          column[b] = targetIn[b][t];
        }
        Seq2SeqModel.Step step =
            m.step(cs, encoded.memory(), state, cs.tf().constant(column)); // logits [B, V]
        float[] got = tf.run(step.logits());
        assertEquals(batch * v, got.length);
        for (int b = 0; b < batch; b++) {
          for (int j = 0; j < v; j++) {
            assertEquals(
                full[(b * steps + t) * v + j],
                got[b * v + j],
                1e-4,
                variant + "step " + t + ", row " + b + ", token " + j);
          }
        }
        state = step.state();
        // key/value heads: H = 2 unless the variant shares them (kv_heads: 1)
        long kvHeads = variant.contains("kv_heads: 1") ? 1 : 2;
        for (Operand<?> cache : state) {
          assertArrayEquals(
              new long[] {batch, kvHeads, t + 1, 8}, tf.shape(cache), "cache [B, G, t, Dh]");
        }
      }
    }
  }
}
