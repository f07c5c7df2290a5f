package org.ablate.training.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ablate.core.testing.Tf;
import org.ablate.models.DataSpec;
import org.ablate.models.Seq2SeqModel;
import org.ablate.models.TestModels;
import org.ablate.training.config.DecodeConfig;
import org.ablate.training.data.Tokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Decoding through the generator's session (encoder once, then one step graph fed its own state
 * back, reordered by the beam) scores every hypothesis exactly as the teacher-forced model scores
 * the same output: the Transformer's key/value caches, carried between steps and reordered with the
 * beam, lose nothing.
 */
class SequenceGeneratorTest {
  private static final int V = 14;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "type: transformer\nd_model: 16\nheads: 2\nd_ff: 32\nencoder_layers: 2\ndecoder_layers: 2\n"
            + "norm: pre\n",
        "type: transformer\nd_model: 16\nheads: 4\nd_ff: 32\nencoder_layers: 1\ndecoder_layers: 3\n"
            + "positional_encoding: learned\n"
      })
  void hypothesesScoreWhatTheTeacherForcedModelGives(String yaml) {
    List<int[]> sources =
        List.of(new int[] {5, 6, 7, 8, 9, Tokens.EOS}, new int[] {11, 4, Tokens.EOS});
    try (Tf tf = new Tf(9)) {
      Seq2SeqModel model = (Seq2SeqModel) TestModels.create(yaml, DataSpec.sequences(V, V, 32));
      model.network().build(tf.context.params());
      SequenceGenerator generator = new SequenceGenerator(tf.context, model, null, V);
      Ops ops = tf.context.call("score", false).tf();
      Placeholder<TInt32> source =
          ops.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
      Placeholder<TInt32> targetIn =
          ops.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
      Operand<TFloat32> logProbs =
          ops.nn.logSoftmax(
              model.logits(tf.context.call("score", false), source, targetIn)); // [1, T, V]
      try (Session session = new Session(tf.graph)) {
        for (int beam : new int[] {1, 3}) {
          DecodeConfig config = new DecodeConfig(beam, 0.6, 1.5, 4);
          List<List<Hypothesis>> out =
              generator.decode(session, sources, 0, config, beam == 1 ? 1 : beam);
          for (int b = 0; b < sources.size(); b++) {
            int max = (int) Math.ceil(1.5 * (sources.get(b).length - 1)) + 4;
            assertEquals(beam, out.get(b).size());
            for (Hypothesis h : out.get(b)) {
              double[] scores =
                  teacherForced(session, source, targetIn, logProbs, sources.get(b), h);
              boolean eos = h.tokens().length < max;
              assertTrue(h.tokens().length <= max);
              // At the length cap the search stops with or without EOS; below it EOS was chosen.
              double expected = eos ? scores[0] + scores[1] : scores[0];
              assertEquals(
                  expected, h.score(), 1e-3, "beam " + beam + ", source " + b + ": " + yaml);
              if (beam == 1) {
                assertGreedy(session, source, targetIn, logProbs, sources.get(b), h, eos);
              }
            }
          }
        }
      }
    }
  }

  /** {log p(tokens), log p(EOS | tokens)} under the teacher-forced model. */
  private static double[] teacherForced(
      Session session,
      Placeholder<TInt32> source,
      Placeholder<TInt32> targetIn,
      Operand<TFloat32> logProbs,
      int[] src,
      Hypothesis h) {
    float[] lp = logProbs(session, source, targetIn, logProbs, src, h.tokens());
    double sum = 0;
    for (int t = 0; t < h.tokens().length; t++) {
      sum += lp[t * V + h.tokens()[t]];
    }
    return new double[] {sum, lp[h.tokens().length * V + Tokens.EOS]};
  }

  /** Every greedy token (and the final EOS, when produced) is the argmax of its position. */
  private static void assertGreedy(
      Session session,
      Placeholder<TInt32> source,
      Placeholder<TInt32> targetIn,
      Operand<TFloat32> logProbs,
      int[] src,
      Hypothesis h,
      boolean eos) {
    float[] lp = logProbs(session, source, targetIn, logProbs, src, h.tokens());
    List<Integer> chosen = new ArrayList<>();
    for (int t : h.tokens()) {
      chosen.add(t);
    }
    if (eos) {
      chosen.add(Tokens.EOS);
    }
    for (int t = 0; t < chosen.size(); t++) {
      int best = 0;
      for (int j = 1; j < V; j++) {
        if (lp[t * V + j] > lp[t * V + best]) {
          best = j;
        }
      }
      assertEquals(best, chosen.get(t), "position " + t);
    }
  }

  /** Log-probabilities {@code [T + 1, V]} of the model reading BOS + tokens. */
  private static float[] logProbs(
      Session session,
      Placeholder<TInt32> source,
      Placeholder<TInt32> targetIn,
      Operand<TFloat32> logProbs,
      int[] src,
      int[] tokens) {
    int[] in = new int[tokens.length + 1];
    in[0] = Tokens.BOS;
    System.arraycopy(tokens, 0, in, 1, tokens.length);
    try (TInt32 s = TInt32.tensorOf(StdArrays.ndCopyOf(new int[][] {src}));
        TInt32 t = TInt32.tensorOf(StdArrays.ndCopyOf(new int[][] {in}));
        Result r = session.runner().feed(source, s).feed(targetIn, t).fetch(logProbs).run()) {
      TFloat32 out = (TFloat32) r.get(0);
      float[] flat = new float[(int) out.shape().size()];
      out.asRawTensor().data().asFloats().read(flat);
      return flat;
    }
  }
}
