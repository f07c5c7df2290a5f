package org.ablate.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Param;
import org.ablate.core.testing.Tf;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TInt32;

/**
 * {@code decoder: bahdanau} against Bahdanau, Cho and Bengio (2015), Appendix A.2, computed here in
 * plain Java with random weights and biases: a bidirectional encoder with annotations h_j = [->h_j;
 * <-h_j]; s_0 = tanh(W_s <-h_1 + b); e_ij = v_a^T tanh(W_a s_{i-1} + U_a h_j) over the real source
 * tokens; c_i = sum_j alpha_ij h_j; s_i = GRU([E y_{i-1}; c_i], s_{i-1}); t~_i = U_o s_{i-1} + V_o
 * E y_{i-1} + C_o c_i + b; t_i = maxout over adjacent pairs; logits W_o t_i + b_o. The GRU is the
 * form Ablate documents (PyTorch's, reset after the recurrent product). Both the teacher-forced
 * logits and the one-token decoding steps must equal the equations'.
 */
class BahdanauDecoderTest {
  private static final int E = 4;
  private static final int H = 6;
  private static final int V = 9;

  private final Map<String, float[]> w = new HashMap<>();

  /** The maxout width l. */
  private int L = 3;

  /** One embedding table for source, target and output (logits t_i E^T, no bias). */
  private boolean tied;

  /** The weight whose name ends with {@code suffix} (exactly one does). */
  private float[] w(String suffix) {
    List<String> hits = w.keySet().stream().filter(k -> k.endsWith(suffix)).toList();
    assertEquals(1, hits.size(), suffix + " in " + w.keySet());
    return w.get(hits.get(0));
  }

  @Test
  void logitsAndDecodingStepsAreThePapersEquations() {
    check("maxout_size: 3\n");
  }

  /**
   * Three-way tying (Press and Wolf 2017): the same equations with one matrix E for the source and
   * target embeddings and the output layer, logits t_i E^T; the maxout width equals the
   * embedding's.
   */
  @Test
  void threeWayTyingUsesOneMatrixForBothEmbeddingsAndTheOutput() {
    L = E;
    tied = true;
    check("maxout_size: 4\nshare_embeddings: true\ntie_output: true\n");
  }

  private void check(String variant) {
    int[][] source = {{5, 6, 7, 8, 2}, {4, 7, 2, 0, 0}}; // the second is padded
    int[][] targetIn = {{1, 6, 4, 8}, {1, 5, 5, 7}};
    try (Tf tf = new Tf(5)) {
      Seq2SeqModel m =
          (Seq2SeqModel)
              TestModels.create(
                  "type: rnn_seq2seq\ncell: gru\nembedding_dim: 4\nhidden_size: 6\n"
                      + variant
                      + "dropout: 0.0\n",
                  DataSpec.sequences(V, V, 16));
      m.network().build(tf.context.params());
      Random rng = new Random(11);
      for (Param p : tf.context.parameters()) {
        float[] values = new float[(int) p.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) (0.6 * rng.nextGaussian());
        }
        w.put(p.name(), values);
        tf.run(
            tf.context
                .tf()
                .assign(
                    p.variable(),
                    tf.context.tf().constant(Shape.of(p.shape()), DataBuffers.of(values))));
      }
      Operand<TInt32> src = tf.ids(source, false);
      float[] logits =
          tf.run(m.logits(tf.context.call("teacher_forced", false), src, tf.ids(targetIn, false)));
      CallScope cs = tf.context.call("decode", false);
      Seq2SeqModel.Encoded encoded = m.encode(cs, src);
      List<Operand<?>> state = encoded.initialState();
      int steps = targetIn[0].length;
      float[][] stepLogits = new float[steps][];
      for (int t = 0; t < steps; t++) {
        int[] column = {targetIn[0][t], targetIn[1][t]};
        Seq2SeqModel.Step step = m.step(cs, encoded.memory(), state, cs.tf().constant(column));
        stepLogits[t] = tf.run(step.logits());
        state = step.state();
      }
      for (int b = 0; b < source.length; b++) {
        double[][] expected = paper(source[b], targetIn[b]);
        for (int t = 0; t < steps; t++) {
          for (int k = 0; k < V; k++) {
            String at = "example " + b + ", step " + t + ", token " + k;
            assertEquals(expected[t][k], logits[(b * steps + t) * V + k], 1e-4, at);
            assertEquals(expected[t][k], stepLogits[t][b * V + k], 1e-4, "decoding " + at);
          }
        }
      }
    }
  }

  /** The paper's decoder for one source (padding 0 dropped) and its teacher-forced inputs. */
  private double[][] paper(int[] sourceIds, int[] targetIn) {
    int n = 0;
    while (n < sourceIds.length && sourceIds[n] != 0) {
      n++;
    }
    float[] srcEmb = w(tied ? "/embedding/embeddings" : "source_embedding/embeddings");
    float[] tgtEmb = tied ? srcEmb : w("target_embedding/embeddings");
    double[][] fwd = new double[n][];
    double[][] bwd = new double[n][];
    double[] h = new double[H];
    for (int j = 0; j < n; j++) {
      h = gru("layer_0_forward/cell/", row(srcEmb, sourceIds[j], E), h);
      fwd[j] = h;
    }
    h = new double[H];
    for (int j = n - 1; j >= 0; j--) {
      h = gru("layer_0_backward/cell/", row(srcEmb, sourceIds[j], E), h);
      bwd[j] = h;
    }
    double[][] annotations = new double[n][];
    for (int j = 0; j < n; j++) {
      annotations[j] = concat(fwd[j], bwd[j]);
    }
    // s_0 = tanh(W_s <-h_1 + b_s)
    double[] s = tanh(affine(bwd[0], w("initial_state/kernel"), w("initial_state/bias"), H));
    double[][] out = new double[targetIn.length][];
    for (int i = 0; i < targetIn.length; i++) {
      double[] ey = row(tgtEmb, targetIn[i], E);
      double[] wa = affine(s, w("query_kernel"), null, H);
      double[] e = new double[n];
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < n; j++) {
        double[] ua = affine(annotations[j], w("key_kernel"), null, H);
        double[] hidden = new double[H];
        for (int a = 0; a < H; a++) {
          hidden[a] = Math.tanh(wa[a] + ua[a]);
        }
        e[j] = affine(hidden, w("attention/v"), null, 1)[0];
        max = Math.max(max, e[j]);
      }
      double z = 0;
      for (int j = 0; j < n; j++) {
        z += Math.exp(e[j] - max);
      }
      double[] c = new double[2 * H];
      for (int j = 0; j < n; j++) {
        double alpha = Math.exp(e[j] - max) / z;
        for (int a = 0; a < 2 * H; a++) {
          c[a] += alpha * annotations[j][a];
        }
      }
      // t~_i = U_o s_{i-1} + V_o E y_{i-1} + C_o c_i + b: the rows of the one kernel, in turn
      float[] deep = w("deep_output/kernel");
      double[] tTilde = new double[2 * L];
      float[] bias = w("deep_output/bias");
      for (int u = 0; u < 2 * L; u++) {
        double acc = bias[u];
        for (int a = 0; a < H; a++) {
          acc += s[a] * deep[a * 2 * L + u]; // U_o
        }
        for (int a = 0; a < E; a++) {
          acc += ey[a] * deep[(H + a) * 2 * L + u]; // V_o
        }
        for (int a = 0; a < 2 * H; a++) {
          acc += c[a] * deep[(H + E + a) * 2 * L + u]; // C_o
        }
        tTilde[u] = acc;
      }
      double[] maxout = new double[L];
      for (int j = 0; j < L; j++) {
        maxout[j] = Math.max(tTilde[2 * j], tTilde[2 * j + 1]);
      }
      if (tied) {
        out[i] = new double[V];
        for (int k = 0; k < V; k++) {
          out[i][k] = dot(maxout, row(tgtEmb, k, E)); // t_i E^T
        }
      } else {
        out[i] = affine(maxout, w("/output/kernel"), w("/output/bias"), V);
      }
      s = gru("decoder_cell_0/", concat(ey, c), s);
    }
    return out;
  }

  /** PyTorch's GRU: r, z, n gates; n = tanh(W_n x + b_n + r * (U_n h + b_un)). */
  private double[] gru(String cell, double[] x, double[] h) {
    double[] xi = affine(x, w(cell + "input_kernel"), w(cell + "bias"), 3 * H);
    double[] hi = affine(h, w(cell + "recurrent_kernel"), w(cell + "recurrent_bias"), 3 * H);
    double[] out = new double[H];
    for (int a = 0; a < H; a++) {
      double r = sigmoid(xi[a] + hi[a]);
      double zg = sigmoid(xi[H + a] + hi[H + a]);
      double n = Math.tanh(xi[2 * H + a] + r * hi[2 * H + a]);
      out[a] = (1 - zg) * n + zg * h[a];
    }
    return out;
  }

  /** x [In] times kernel [In, out] plus bias (or none). */
  private static double[] affine(double[] x, float[] kernel, float[] bias, int out) {
    double[] y = new double[out];
    for (int o = 0; o < out; o++) {
      double acc = bias == null ? 0 : bias[o];
      for (int i = 0; i < x.length; i++) {
        acc += x[i] * kernel[i * out + o];
      }
      y[o] = acc;
    }
    return y;
  }

  private static double dot(double[] a, double[] b) {
    double acc = 0;
    for (int i = 0; i < a.length; i++) {
      acc += a[i] * b[i];
    }
    return acc;
  }

  private static double[] row(float[] table, int id, int width) {
    double[] out = new double[width];
    for (int a = 0; a < width; a++) {
      out[a] = table[id * width + a];
    }
    return out;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static double[] tanh(double[] x) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = Math.tanh(x[i]);
    }
    return out;
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
