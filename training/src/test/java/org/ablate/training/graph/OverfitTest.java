package org.ablate.training.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.ablate.core.graph.CallScope;
import org.ablate.core.testing.Tf;
import org.ablate.layers.attention.Masks;
import org.ablate.models.ClassifierModel;
import org.ablate.models.DataSpec;
import org.ablate.models.LanguageModel;
import org.ablate.models.Model;
import org.ablate.models.Seq2SeqModel;
import org.ablate.models.TestModels;
import org.ablate.training.config.AdamConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Every model memorizes a tiny batch: a check that gradients reach every part and learning works.
 */
class OverfitTest {
  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of(
            "transformer",
            "type: transformer\nd_model: 32\nheads: 4\nd_ff: 64\nencoder_layers: 1\ndecoder_layers: 1\ndropout: 0.0\n"),
        Arguments.of(
            "transformer-swiglu",
            "type: transformer\nd_model: 32\nheads: 4\nd_ff: 64\nencoder_layers: 1\ndecoder_layers: 1\ndropout: 0.0\nfeed_forward: swiglu\nnorm: pre\nnorm_type: rms_norm\n"),
        Arguments.of(
            "transformer-rotary",
            "type: transformer\nd_model: 32\nheads: 4\nd_ff: 64\nencoder_layers: 1\ndecoder_layers: 1\ndropout: 0.0\npositional_encoding: rotary\n"),
        Arguments.of(
            "transformer-alibi",
            "type: transformer\nd_model: 32\nheads: 4\nd_ff: 64\nencoder_layers: 1\ndecoder_layers: 1\ndropout: 0.0\npositional_encoding: alibi\n"),
        Arguments.of(
            "transformer-t5-bias",
            "type: transformer\nd_model: 32\nheads: 4\nd_ff: 64\nencoder_layers: 1\ndecoder_layers: 1\ndropout: 0.0\npositional_encoding: t5_bias\n"),
        Arguments.of(
            "transformer-shaw",
            "type: transformer\nd_model: 32\nheads: 4\nd_ff: 64\nencoder_layers: 1\ndecoder_layers: 1\ndropout: 0.0\npositional_encoding: {type: shaw, clip: 4}\n"),
        Arguments.of(
            "transformer-sandwich",
            "type: transformer\nd_model: 32\nheads: 4\nd_ff: 64\nencoder_layers: 1\ndecoder_layers: 1\ndropout: 0.0\nnorm: sandwich\n"),
        Arguments.of(
            "transformer-deepnorm",
            "type: transformer\nd_model: 32\nheads: 4\nd_ff: 64\nencoder_layers: 2\ndecoder_layers: 2\ndropout: 0.0\nnorm: deep\n"),
        Arguments.of(
            "transformer-modern",
            "type: transformer\nd_model: 32\nheads: 4\nd_ff: 64\nencoder_layers: 1\ndecoder_layers: 1\ndropout: 0.0\nnorm: pre\nnorm_type: rms_norm\npositional_encoding: rotary\nfeed_forward: swiglu\nmulti_head: {type: standard, kv_heads: 2, qk_norm: layer_norm, bias: false}\n"),
        Arguments.of(
            "transformer-mqa",
            "type: transformer\nd_model: 32\nheads: 4\nd_ff: 64\nencoder_layers: 1\ndecoder_layers: 1\ndropout: 0.0\nmulti_head: {type: standard, kv_heads: 1}\n"),
        Arguments.of(
            "transformer-qk-l2",
            "type: transformer\nd_model: 32\nheads: 4\nd_ff: 64\nencoder_layers: 1\ndecoder_layers: 1\ndropout: 0.0\nmulti_head: {type: standard, qk_norm: l2}\n"),
        Arguments.of(
            "gru-bahdanau",
            "type: rnn_seq2seq\nembedding_dim: 16\nhidden_size: 32\ndropout: 0.0\n"),
        Arguments.of(
            "lstm-context",
            "type: rnn_seq2seq\ncell: lstm\nembedding_dim: 16\nhidden_size: 32\nattention: none\ndropout: 0.0\n"),
        Arguments.of(
            "gru-luong",
            "type: rnn_seq2seq\nembedding_dim: 16\nhidden_size: 32\nattention: general\ndecoder: luong\ninput_feeding: true\ndropout: 0.0\n"),
        Arguments.of(
            "vit",
            "type: vit\npatch_size: 7\nd_model: 32\nheads: 4\nd_ff: 64\nlayers: 1\ndropout: 0.0\n"),
        Arguments.of(
            "vit-overlap-locality",
            "type: vit\npatch_size: 7\npatch_overlap: 2\nattention: locality\nd_model: 32\nheads: 4\nd_ff: 64\nlayers: 1\ndropout: 0.0\n"),
        Arguments.of(
            "vit-geglu",
            "type: vit\npatch_size: 7\nd_model: 32\nheads: 4\nd_ff: 64\nlayers: 1\ndropout: 0.0\nfeed_forward: {type: geglu, inner_width: d_ff}\n"),
        Arguments.of("cnn", "type: cnn\nchannels: [8]\nhidden: 32\ndropout: 0.0\n"),
        Arguments.of("rnn-rows", "type: rnn_rows\nhidden_size: 32\ndropout: 0.0\n"),
        Arguments.of(
            "transformer-classifier",
            "type: transformer_classifier\nd_model: 32\nheads: 4\nd_ff: 64\nlayers: 1\ndropout: 0.0\n"),
        Arguments.of(
            "transformer-lm",
            "type: transformer_lm\nd_model: 32\nheads: 4\nd_ff: 64\nlayers: 1\ndropout: 0.0\n"),
        Arguments.of(
            "transformer-classifier-alibi",
            "type: transformer_classifier\nd_model: 32\nheads: 4\nd_ff: 64\nlayers: 1\ndropout: 0.0\npositional_encoding: alibi\npooling: mean\n"),
        Arguments.of(
            "transformer-classifier-rotary",
            "type: transformer_classifier\nd_model: 32\nheads: 4\nd_ff: 64\nlayers: 1\ndropout: 0.0\npositional_encoding: rotary\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void memorizesATinyBatch(String name, String yaml) {
    Random rng = new Random(1);
    int v = 12;
    int b = 6;
    int t = 5;
    int[] src = new int[b * t];
    int[] tin = new int[b * t];
    int[] tout = new int[b * t];
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < t; j++) {
        int tok = 4 + rng.nextInt(v - 4);
        src[i * t + j] = j == t - 1 ? 2 : tok;
        tout[i * t + j] = j == t - 1 ? 2 : 4 + rng.nextInt(v - 4);
      }
      tin[i * t] = 1;
      System.arraycopy(tout, i * t, tin, i * t + 1, t - 1);
    }
    float[] images = new float[b * 28 * 28];
    for (int i = 0; i < images.length; i++) {
      images[i] = rng.nextFloat();
    }
    int[] labels = new int[b];
    for (int i = 0; i < b; i++) {
      labels[i] = i % 3;
    }
    try (Tf tf = new Tf(5)) {
      DataSpec data =
          name.startsWith("vit") || name.equals("cnn") || name.equals("rnn-rows")
              ? DataSpec.images(28, 28, 1, 3)
              : name.startsWith("transformer-classifier")
                  ? DataSpec.tokenClasses(v, 3, 16)
                  : DataSpec.sequences(v, v, 16);
      Model model = TestModels.create(yaml, data);
      model.network().build(tf.context.params());
      CallScope cs = tf.context.call("train", true);
      var ops = tf.context.tf();
      Operand<TInt32> s = ops.constant(Shape.of(b, t), DataBuffers.of(src));
      Operand<TInt32> yIn = ops.constant(Shape.of(b, t), DataBuffers.of(tin));
      Operand<TInt32> yOut = ops.constant(Shape.of(b, t), DataBuffers.of(tout));
      Losses.Terms terms;
      if (model instanceof Seq2SeqModel m) {
        terms =
            Losses.crossEntropy(
                ops, m.logits(cs, s, yIn), yOut, Masks.notPad(ops, yOut, 0), v, 0.0);
      } else if (model instanceof LanguageModel m) {
        // Each row starts with a different token so every prefix is unique (a causal model cannot
        // give two different answers to the same prefix).
        int[] lmIn = new int[b * t];
        int[] lmOut = new int[b * t];
        for (int i = 0; i < b; i++) {
          lmIn[i * t] = 4 + i;
          System.arraycopy(tout, i * t, lmIn, i * t + 1, t - 1);
          System.arraycopy(lmIn, i * t + 1, lmOut, i * t, t - 1);
          lmOut[i * t + t - 1] = 2;
        }
        terms =
            Losses.crossEntropy(
                ops,
                m.logits(cs, ops.constant(Shape.of(b, t), DataBuffers.of(lmIn))),
                ops.constant(Shape.of(b, t), DataBuffers.of(lmOut)),
                null,
                v,
                0.0);
      } else {
        ClassifierModel c = (ClassifierModel) model;
        Operand<?> input =
            c.input() == ClassifierModel.Input.IMAGES
                ? ops.constant(Shape.of(b, 28, 28, 1), DataBuffers.of(images))
                : s;
        terms = Losses.crossEntropy(ops, c.logits(cs, input), ops.constant(labels), null, 3, 0.0);
      }
      Operand<TFloat32> loss = terms.mean(ops);
      AdamConfig adam = new AdamConfig(3e-3, 0.9, 0.98, 1e-9);
      Optimizer opt = new Optimizer(tf.context, tf.context.parameters(), Adam.of(adam), 1.0, false);
      Optimizer.Update update = opt.minimize(loss);
      double first = Double.NaN;
      double last = Double.NaN;
      try (Session session = new Session(tf.graph)) {
        session.initialize();
        for (int step = 1; step <= 200; step++) {
          try (Optimizer.StepInputs inputs = opt.stepInputs(step, 3e-3);
              var r = inputs.feed(session.runner()).addTarget(update.op()).fetch(loss).run()) {
            last = ((TFloat32) r.get(0)).getFloat();
            if (step == 1) {
              first = last;
            }
          }
        }
        try (var r = session.runner().fetch(terms.correct()).fetch(terms.weight()).run()) {
          assertEquals(
              ((TFloat32) r.get(1)).getFloat(),
              ((TFloat32) r.get(0)).getFloat(),
              0.0,
              name + " should fit every position");
        }
      }
      assertTrue(
          last < 0.05 * first && last < 0.1, name + ": loss went from " + first + " to " + last);
    }
  }
}
