package org.ablate.training.graph;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Param;
import org.ablate.core.testing.Tf;
import org.ablate.layers.attention.Masks;
import org.ablate.models.DataSpec;
import org.ablate.models.Seq2SeqModel;
import org.ablate.models.TestModels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The whole model's loss gradient, as TF computes it, against central finite differences on a tiny
 * padded batch with label smoothing. Catches missing or wrong native gradients (the notes list
 * LogSoftmax's, for one) anywhere in the model.
 */
class GradientCheckTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "type: transformer\nd_model: 8\nheads: 2\nd_ff: 16\nencoder_layers: 1\ndecoder_layers: 1\ndropout: 0.0\nnorm: pre\npositional_encoding: learned\nmax_length: 8\n",
        "type: transformer\nd_model: 8\nheads: 2\nd_ff: 16\nencoder_layers: 1\ndecoder_layers: 1\ndropout: 0.0\nfeed_forward: gelu\nshare_embeddings: true\ntie_output: true\n",
        "type: rnn_seq2seq\nembedding_dim: 6\nhidden_size: 5\ndropout: 0.0\n",
        "type: rnn_seq2seq\ncell: lstm\nembedding_dim: 6\nhidden_size: 5\nattention: general\ndecoder: luong\ninput_feeding: true\ndropout: 0.0\n"
      })
  void analyticGradientMatchesFiniteDifferences(String yaml) {
    int v = 9;
    int[][] src = {{4, 5, 6, 2}, {7, 2, 0, 0}};
    int[][] tin = {{1, 8, 4, 5}, {1, 6, 0, 0}};
    int[][] tout = {{8, 4, 5, 2}, {6, 2, 0, 0}};
    try (Tf tf = new Tf(9)) {
      Seq2SeqModel model = (Seq2SeqModel) TestModels.create(yaml, DataSpec.sequences(v, v, 8));
      model.network().build(tf.context.params());
      var ops = tf.context.tf();
      CallScope cs = tf.context.call("f", false);
      Operand<TInt32> yOut = ops.constant(tout);
      Operand<TFloat32> logits = model.logits(cs, ops.constant(src), ops.constant(tin));
      Operand<TFloat32> loss =
          Losses.crossEntropy(ops, logits, yOut, Masks.notPad(ops, yOut, 0), v, 0.1).mean(ops);
      List<Param> params = tf.context.parameters();
      Output<?>[] grads =
          tf.graph.addGradients(
              "check",
              new Output<?>[] {loss.asOutput()},
              params.stream().map(p -> p.variable().asOutput()).toArray(Output[]::new),
              null);
      Placeholder<TFloat32> delta = ops.placeholder(TFloat32.class);
      List<Operand<?>> nudges = new ArrayList<>();
      for (Param p : params) {
        nudges.add(ops.assignAdd(p.variable(), ops.reshape(delta, ops.constant(p.shape()))));
      }
      Random rng = new Random(3);
      int checked = 0;
      double worst = 0;
      String worstAt = "";
      try (Session session = new Session(tf.graph)) {
        session.initialize();
        for (int i = 0; i < params.size(); i++) {
          Param p = params.get(i);
          float[] g = fetch(session, grads[i]);
          for (int trial = 0; trial < 3; trial++) {
            int index = rng.nextInt((int) p.size());
            double h = 5e-3;
            nudge(session, nudges.get(i), delta, p, index, h);
            double plus = fetch(session, loss.asOutput())[0];
            nudge(session, nudges.get(i), delta, p, index, -2 * h);
            double minus = fetch(session, loss.asOutput())[0];
            nudge(session, nudges.get(i), delta, p, index, h);
            double numeric = (plus - minus) / (2 * h);
            double error =
                Math.abs(numeric - g[index]) / (2e-3 + Math.abs(numeric) + Math.abs(g[index]));
            if (error > worst) {
              worst = error;
              worstAt = p.name() + "[" + index + "]: numeric " + numeric + " vs TF " + g[index];
            }
            checked++;
          }
        }
      }
      assertTrue(checked > 20);
      assertTrue(worst < 0.05, "largest relative gradient error " + worst + " at " + worstAt);
    }
  }

  private static void nudge(
      Session s, Operand<?> op, Placeholder<TFloat32> delta, Param p, int index, double by) {
    float[] d = new float[(int) p.size()];
    d[index] = (float) by;
    try (TFloat32 t = TFloat32.tensorOf(Shape.of(d.length), DataBuffers.of(d))) {
      s.runner().feed(delta, t).addTarget(op.op()).run();
    }
  }

  private static float[] fetch(Session s, Output<?> out) {
    try (var r = s.runner().fetch(out).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] flat = new float[(int) t.shape().size()];
      t.asRawTensor().data().asFloats().read(flat);
      return flat;
    }
  }
}
