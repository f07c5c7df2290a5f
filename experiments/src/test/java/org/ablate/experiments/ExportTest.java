package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.experiments.export.ModelExporter;
import org.ablate.experiments.run.ExperimentRunner;
import org.ablate.experiments.run.Injection;
import org.ablate.layers.position.PositionalEncodings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Exports a briefly trained one-layer encoder LM and checks (1) that the .npz weights, run through
 * a plain-Java re-implementation of embedding + positions + one post-LN encoder layer + head,
 * reproduce the model's logits, and (2) that the SavedModel loads and serves the same logits.
 */
class ExportTest {
  @TempDir static Path dir;
  static Path run;
  static ExperimentConfig config;
  static final int D = 16;
  static final int H = 2;
  static final int[] TOKENS = {1, 7, 9, 4, 12};

  @BeforeAll
  static void train() throws Exception {
    Path corpus = dir.resolve("corpus");
    Files.createDirectories(corpus);
    String pairs =
        "Open file\tOuvrir le fichier\nSave\tEnregistrer\nQuit now\tQuitter maintenant\nNew window\tNouvelle fenêtre\n";
    for (String split : List.of("train", "dev", "test")) {
      Files.writeString(corpus.resolve(split + ".tsv"), pairs);
    }
    String yaml =
        """
        name: export-lm
        data: {type: language_model, corpus: %s, side: target, tokenizer: {type: char}, max_length: 30}
        model: {type: transformer_lm, d_model: 16, heads: 2, d_ff: 32, layers: 1, dropout: 0.0, norm: post, feed_forward: relu, max_length: 32}
        training: {steps: 20, batch_size: 4, eval_every: 20, log_every: 10, optimizer: {type: adam, lr: 0.01}}
        """
            .formatted(corpus);
    Path file = Files.writeString(dir.resolve("lm.yaml"), yaml);
    Injection injection = Tests.injection();
    config = Tests.loader().load(List.of(file), List.of());
    run = dir.resolve("run");
    Tests.runner()
        .run(
            config,
            new ExperimentRunner.Options(
                run,
                false,
                false,
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                null));
  }

  private static float[] modelLogits(ModelExporter exporter) {
    try (TInt32 tokens = TInt32.tensorOf(StdArrays.ndCopyOf(new int[][] {TOKENS}));
        Result r =
            exporter
                .session()
                .runner()
                .feed("serving/tokens", tokens)
                .fetch(exporter.signature().getOutputs().get("logits").name)
                .run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] out = new float[(int) t.shape().size()];
      t.asRawTensor().data().asFloats().read(out);
      return out;
    }
  }

  @Test
  void npzWeightsReproduceTheLogitsInPlainJava() throws Exception {
    Path npz = dir.resolve("weights.npz");
    float[] expected;
    try (ModelExporter exporter = new ModelExporter(run, config, Tests.ABLATE.registry())) {
      exporter.npz(npz, false);
      expected = modelLogits(exporter);
    }
    Map<String, float[]> w = readNpz(npz);
    float[] logits = forward(w);
    assertEquals(expected.length, logits.length);
    for (int i = 0; i < logits.length; i++) {
      assertEquals(expected[i], logits[i], 2e-4, "logit " + i);
    }
  }

  @Test
  void savedModelServesTheSameLogits() throws Exception {
    Path out = dir.resolve("saved");
    float[] expected;
    try (ModelExporter exporter = new ModelExporter(run, config, Tests.ABLATE.registry())) {
      exporter.savedModel(out, false);
      expected = modelLogits(exporter);
    }
    assertTrue(Files.exists(out.resolve("saved_model.pb")));
    try (SavedModelBundle bundle = SavedModelBundle.load(out.toString(), "serve");
        TInt32 tokens = TInt32.tensorOf(StdArrays.ndCopyOf(new int[][] {TOKENS}));
        Result r = bundle.call(Map.<String, Tensor>of("tokens", tokens))) {
      TFloat32 t = (TFloat32) r.get("logits").orElseThrow();
      float[] got = new float[(int) t.shape().size()];
      t.asRawTensor().data().asFloats().read(got);
      for (int i = 0; i < got.length; i++) {
        assertEquals(expected[i], got[i], 1e-5);
      }
    }
  }

  /**
   * Embedding * sqrt(D) + sinusoid, one post-LN encoder layer (bidirectional attention), dense
   * head.
   */
  private static float[] forward(Map<String, float[]> w) {
    String p = "transformer_lm/";
    int t = TOKENS.length;
    float[] emb = w.get(p + "embedding/embeddings");
    float[][] pe = PositionalEncodings.sinusoidal(t, D);
    double[][] x = new double[t][D];
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < D; j++) {
        x[i][j] = emb[TOKENS[i] * D + j] * Math.sqrt(D) + pe[i][j];
      }
    }
    String layer = p + "encoder/layer_0/";
    double[][] q = dense(x, w, layer + "self_attention/query");
    double[][] k = dense(x, w, layer + "self_attention/key");
    double[][] v = dense(x, w, layer + "self_attention/value");
    int dh = D / H;
    double[][] context = new double[t][D];
    for (int h = 0; h < H; h++) {
      for (int i = 0; i < t; i++) {
        double[] s = new double[t];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j <= i; j++) {
          for (int d = 0; d < dh; d++) {
            s[j] += q[i][h * dh + d] * k[j][h * dh + d];
          }
          s[j] /= Math.sqrt(dh);
          max = Math.max(max, s[j]);
        }
        double z = 0;
        for (int j = 0; j <= i; j++) {
          s[j] = Math.exp(s[j] - max);
          z += s[j];
        }
        for (int j = 0; j <= i; j++) {
          for (int d = 0; d < dh; d++) {
            context[i][h * dh + d] += s[j] / z * v[j][h * dh + d];
          }
        }
      }
    }
    double[][] attended = dense(context, w, layer + "self_attention/output");
    double[][] h1 = layerNorm(add(x, attended), w, layer + "sublayer_0/norm");
    double[][] inner = dense(h1, w, layer + "feed_forward/inner");
    for (double[] row : inner) {
      for (int j = 0; j < row.length; j++) {
        row[j] = Math.max(0, row[j]);
      }
    }
    double[][] h2 =
        layerNorm(
            add(h1, dense(inner, w, layer + "feed_forward/outer")), w, layer + "sublayer_1/norm");
    double[][] logits = dense(h2, w, p + "head");
    float[] flat = new float[t * logits[0].length];
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < logits[0].length; j++) {
        flat[i * logits[0].length + j] = (float) logits[i][j];
      }
    }
    return flat;
  }

  /** y = x W + b with W stored [in, out] row-major. */
  private static double[][] dense(double[][] x, Map<String, float[]> w, String name) {
    float[] kernel = w.get(name + "/kernel");
    float[] bias = w.get(name + "/bias");
    int in = x[0].length;
    int out = kernel.length / in;
    double[][] y = new double[x.length][out];
    for (int i = 0; i < x.length; i++) {
      for (int o = 0; o < out; o++) {
        double s = bias[o];
        for (int j = 0; j < in; j++) {
          s += x[i][j] * kernel[j * out + o];
        }
        y[i][o] = s;
      }
    }
    return y;
  }

  private static double[][] add(double[][] a, double[][] b) {
    double[][] c = new double[a.length][a[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        c[i][j] = a[i][j] + b[i][j];
      }
    }
    return c;
  }

  private static double[][] layerNorm(double[][] x, Map<String, float[]> w, String name) {
    float[] gamma = w.get(name + "/gamma");
    float[] beta = w.get(name + "/beta");
    double[][] y = new double[x.length][x[0].length];
    for (int i = 0; i < x.length; i++) {
      double mean = 0;
      for (double v : x[i]) {
        mean += v / x[i].length;
      }
      double var = 0;
      for (double v : x[i]) {
        var += (v - mean) * (v - mean) / x[i].length;
      }
      for (int j = 0; j < x[i].length; j++) {
        y[i][j] = (x[i][j] - mean) / Math.sqrt(var + 1e-5) * gamma[j] + beta[j];
      }
    }
    return y;
  }

  /** A minimal .npz reader: float32, C order, as numpy.load would read it. */
  static Map<String, float[]> readNpz(Path file) throws Exception {
    Map<String, float[]> out = new HashMap<>();
    Pattern descr =
        Pattern.compile("'descr': '<f4', 'fortran_order': False, 'shape': \\(([0-9, ]*)\\)");
    try (InputStream in = Files.newInputStream(file);
        ZipInputStream zip = new ZipInputStream(in)) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        byte[] bytes = zip.readAllBytes();
        assertEquals((byte) 0x93, bytes[0]);
        assertEquals("NUMPY", new String(bytes, 1, 5, StandardCharsets.US_ASCII));
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        assertEquals(0, (10 + headerLength) % 64, "header aligned to 64 bytes");
        Matcher m = descr.matcher(new String(bytes, 10, headerLength, StandardCharsets.US_ASCII));
        assertTrue(m.find(), "npy header of " + e.getName());
        ByteBuffer data =
            ByteBuffer.wrap(bytes, 10 + headerLength, bytes.length - 10 - headerLength)
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[data.remaining() / 4];
        data.asFloatBuffer().get(values);
        out.put(e.getName().substring(0, e.getName().length() - 4), values);
      }
    }
    return out;
  }
}
