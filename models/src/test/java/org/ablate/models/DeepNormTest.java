package org.ablate.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.ablate.core.graph.Param;
import org.ablate.core.testing.Tf;
import org.ablate.models.transformer.DeepNormScales;
import org.junit.jupiter.api.Test;

/** DeepNorm's alpha and beta from the DeepNet paper, and beta applied to the right weights. */
class DeepNormTest {
  @Test
  void scalesFollowThePapersFormulas() {
    // encoder-only or decoder-only, N = 6: alpha = (2N)^(1/4), beta = (8N)^(-1/4)
    assertEquals(Math.pow(12, 0.25), DeepNormScales.singleStack(6).alpha(), 1e-12);
    assertEquals(Math.pow(48, -0.25), DeepNormScales.singleStack(6).beta(), 1e-12);
    // encoder-decoder, N = M = 6: encoder 0.81 (N^4 M)^(1/16), 0.87 (N^4 M)^(-1/16)
    assertEquals(0.81 * Math.pow(6, 5.0 / 16), DeepNormScales.encoder(6, 6).alpha(), 1e-12);
    assertEquals(0.87 * Math.pow(6, -5.0 / 16), DeepNormScales.encoder(6, 6).beta(), 1e-12);
    // decoder: (3M)^(1/4), (12M)^(-1/4)
    assertEquals(Math.pow(18, 0.25), DeepNormScales.decoder(6).alpha(), 1e-12);
    assertEquals(Math.pow(72, -0.25), DeepNormScales.decoder(6).beta(), 1e-12);
  }

  @Test
  void betaScalesTheFeedForwardValueAndOutputWeightsOnly() {
    var gain = new DeepNormScales(2, 0.5).gain();
    assertEquals(0.5, gain.of("m/encoder/layer_0/feed_forward/inner/kernel"));
    assertEquals(0.5, gain.of("m/decoder/layer_1/self_attention/value/kernel"));
    assertEquals(0.5, gain.of("m/decoder/layer_1/cross_attention/output/bias"));
    assertEquals(1.0, gain.of("m/encoder/layer_0/self_attention/query/kernel"));
    assertEquals(1.0, gain.of("m/encoder/layer_0/self_attention/key/kernel"));
    assertEquals(1.0, gain.of("m/encoder/layer_0/sublayer_0/norm/gamma"));
    assertEquals(1.0, gain.of("m/source_embedding/embeddings"));
  }

  @Test
  void aDeepNormModelStartsWithItsBetaScaledWeightsAndTheRestUnchanged() {
    String base =
        "type: transformer\nd_model: 16\nheads: 2\nd_ff: 32\nencoder_layers: 2\ndecoder_layers: 3\n";
    Map<String, float[]> post = weights(base + "norm: post\n");
    Map<String, float[]> deep = weights(base + "norm: deep\n");
    assertEquals(post.keySet(), deep.keySet(), "DeepNorm adds or removes no weight");
    double encoderBeta = DeepNormScales.encoder(2, 3).beta();
    double decoderBeta = DeepNormScales.decoder(3).beta();
    int scaled = 0;
    for (String name : post.keySet()) {
      boolean beta =
          name.contains("/feed_forward/") || name.matches(".*_attention/(value|output)/.*");
      double factor = !beta ? 1 : name.contains("/encoder/") ? encoderBeta : decoderBeta;
      float[] expected = post.get(name).clone();
      for (int i = 0; i < expected.length; i++) {
        expected[i] = (float) (expected[i] * factor);
      }
      assertArrayEquals(expected, deep.get(name), 1e-6f, name);
      scaled += beta && name.endsWith("kernel") ? 1 : 0;
    }
    // encoder: 2 layers x (ffn inner, outer, value, output); decoder: 3 x (ffn 2 + 2 attentions x
    // 2)
    assertEquals(2 * 4 + 3 * 6, scaled);
  }

  private static Map<String, float[]> weights(String yaml) {
    Map<String, float[]> out = new HashMap<>();
    try (Tf tf = new Tf(9)) {
      Model m = TestModels.create(yaml, DataSpec.sequences(12, 12, 16));
      m.network().build(tf.context.params());
      for (Param p : tf.context.parameters()) {
        out.put(p.name(), tf.run(p.variable()));
      }
    }
    return out;
  }
}
