package org.ablate.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ablate.core.testing.Tf;
import org.junit.jupiter.api.Test;

/** Every model's parameter count equals its closed form. */
class ParameterCountTest {
  private static long built(String yaml, DataSpec data) {
    try (Tf tf = new Tf()) {
      Model m = TestModels.create(yaml, data);
      m.network().build(tf.context.params());
      return m.network().parameterCount();
    }
  }

  private static long mha(long d) {
    return 4 * (d * d + d);
  }

  private static long ffn(long d, long f) {
    return 2 * d * f + f + d;
  }

  private static long ln(long d) {
    return 2 * d;
  }

  private static long gru(long in, long h) {
    return 3 * (in * h + h * h + 2 * h);
  }

  private static long lstm(long in, long h) {
    return 4 * (in * h + h * h + h);
  }

  @Test
  void encoderDecoderTransformer() {
    long d = 32;
    long f = 64;
    long vs = 50;
    long vt = 60;
    long enc = mha(d) + ffn(d, f) + 2 * ln(d);
    long dec = 2 * mha(d) + ffn(d, f) + 3 * ln(d);
    long expected = vs * d + vt * d + 2 * enc + 3 * dec + d * vt + vt;
    String yaml =
        "type: transformer\nd_model: 32\nheads: 4\nd_ff: 64\nencoder_layers: 2\ndecoder_layers: 3\n";
    assertEquals(expected, built(yaml, DataSpec.sequences(50, 60, 40)));
    // shared embeddings, tied output, pre-norm (two final norms), learned positions
    long shared = vs * d + 2 * enc + 3 * dec + 2 * ln(d) + 40 * d;
    assertEquals(
        shared,
        built(
            yaml
                + "share_embeddings: true\ntie_output: true\nnorm: pre\npositional_encoding: learned\nmax_length: 40\n",
            DataSpec.sequences(50, 50, 40)));
  }

  @Test
  void encoderOnlyModels() {
    long d = 16;
    long enc = mha(d) + ffn(d, 32) + 2 * ln(d);
    String common = "d_model: 16\nheads: 2\nd_ff: 32\nlayers: 2\nmax_length: 20\n";
    // classifier: embedding, class token, learned positions, 2 layers, final norm (pre), head
    assertEquals(
        30 * d + d + 20 * d + 2 * enc + ln(d) + d * 3 + 3,
        built("type: transformer_classifier\n" + common, DataSpec.tokenClasses(30, 3, 20)));
    // language model: embedding, sinusoidal positions, 2 layers (post), vocabulary head
    assertEquals(
        30 * d + 2 * enc + d * 30 + 30,
        built("type: transformer_lm\n" + common, DataSpec.sequences(30, 30, 20)));
  }

  @Test
  void visionTransformer() {
    long d = 32;
    long patches = 49;
    long enc = mha(d) + ffn(d, 64) + 2 * ln(d);
    long expected = (16 * d + d) + d + (patches + 1) * d + 3 * enc + ln(d) + d * 10 + 10;
    assertEquals(
        expected,
        built(
            "type: vit\npatch_size: 4\nd_model: 32\nheads: 4\nd_ff: 64\nlayers: 3\n",
            DataSpec.images(28, 28, 1, 10)));
  }

  @Test
  void seq2seqRnnsInEveryFlow() {
    long e = 8;
    long h = 12;
    long v = 40;
    DataSpec data = DataSpec.sequences(40, 40, 20);
    long l = h / 2; // the maxout width
    // Bahdanau et al. (2015): bi-GRU encoder, s_0 from the backward state (H->H), additive
    // attention (W_q H x H, W_k 2H x H, v H), decoder cell on [E; 2H], deep output on
    // [H; E; 2H] -> 2l, maxout to l, output l -> V
    long bahdanau =
        2 * v * e
            + 2 * gru(e, h)
            + (h * h + h)
            + (h * h + 2 * h * h + h)
            + gru(e + 2 * h, h)
            + ((h + e + 2 * h) * 2 * l + 2 * l)
            + (l * v + v);
    assertEquals(
        bahdanau, built("type: rnn_seq2seq\ncell: gru\nembedding_dim: 8\nhidden_size: 12\n", data));
    // three-way tying: one V x E table, no output layer; the maxout is E wide
    long tied =
        v * e
            + 2 * gru(e, h)
            + (h * h + h)
            + (h * h + 2 * h * h + h)
            + gru(e + 2 * h, h)
            + ((h + e + 2 * h) * 2 * e + 2 * e);
    assertEquals(
        tied,
        built(
            "type: rnn_seq2seq\ncell: gru\nembedding_dim: 8\nhidden_size: 12\nmaxout_size: 8\n"
                + "share_embeddings: true\ntie_output: true\n",
            data));
    // the shallow variant: bridge 2H->H starts the decoder, output on [H; 2H]
    long shallow =
        2 * v * e
            + 2 * gru(e, h)
            + (2 * h * h + h)
            + (h * h + 2 * h * h + h)
            + gru(e + 2 * h, h)
            + (3 * h * v + v);
    assertEquals(
        shallow,
        built(
            "type: rnn_seq2seq\ncell: gru\nembedding_dim: 8\nhidden_size: 12\ndecoder: bahdanau_shallow\n",
            data));
    // context vector (Cho et al.) in the shallow flow: uni-directional LSTM encoder, bridge H->H,
    // decoder on [E; H], output on [H; H]
    long context = 2 * v * e + lstm(e, h) + (h * h + h) + lstm(e + h, h) + (2 * h * v + v);
    assertEquals(
        context,
        built(
            "type: rnn_seq2seq\ncell: lstm\nembedding_dim: 8\nhidden_size: 12\nbidirectional: false\nattention: none\ndecoder: bahdanau_shallow\n",
            data));
    // and in the paper's flow: s_0 from the final state (H->H) beside the context bridge (H->H),
    // deep output on [H; E; H] with a maxout of 5
    long deepContext =
        2 * v * e
            + lstm(e, h)
            + 2 * (h * h + h)
            + lstm(e + h, h)
            + ((h + e + h) * 10 + 10)
            + (5 * v + v);
    assertEquals(
        deepContext,
        built(
            "type: rnn_seq2seq\ncell: lstm\nembedding_dim: 8\nhidden_size: 12\nbidirectional: false\nattention: none\nmaxout_size: 5\n",
            data));
    // Luong general with input feeding and 2+2 layers
    long luong =
        2 * v * e
            + 2 * gru(e, h)
            + 2 * gru(2 * h, h)
            + (2 * h * h + h)
            + (h * 2 * h)
            + gru(e + h, h)
            + gru(h, h)
            + (3 * h * h + h)
            + (h * v + v);
    assertEquals(
        luong,
        built(
            "type: rnn_seq2seq\nembedding_dim: 8\nhidden_size: 12\nencoder_layers: 2\ndecoder_layers: 2\nattention: general\ndecoder: luong\ninput_feeding: true\n",
            data));
  }

  @Test
  void imageBaselines() {
    long h = 20;
    assertEquals(
        gru(28, h) + h * 10 + 10,
        built("type: rnn_rows\nhidden_size: 20\n", DataSpec.images(28, 28, 1, 10)));
    long cnn = (9 * 32 + 32) + (9 * 32 * 64 + 64) + (7 * 7 * 64 * 128 + 128) + (128 * 10 + 10);
    assertEquals(cnn, built("type: cnn\n", DataSpec.images(28, 28, 1, 10)));
  }
}
