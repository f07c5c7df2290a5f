package org.ablate.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ablate.core.config.ConfigException;
import org.ablate.core.graph.CallScope;
import org.ablate.core.testing.Tf;
import org.junit.jupiter.api.Test;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** The ablation switches are really wired into the graph. */
class AblationTest {
  static final DataSpec TOKENS = DataSpec.tokenClasses(20, 3, 16);
  static final String ENCODER =
      "type: transformer_lm\nd_model: 16\nheads: 2\nd_ff: 32\nlayers: 2\ncausal: false\ndropout: 0.0\n";

  /** Encoder-only LM logits [1, T, V] for a token sequence. */
  private static float[] logits(String yaml, int[] ids) {
    try (Tf tf = new Tf(3)) {
      LanguageModel m = (LanguageModel) TestModels.create(yaml, DataSpec.sequences(20, 20, 16));
      m.network().build(tf.context.params());
      return tf.run(m.logits(tf.context.call("c", false), tf.ids(new int[][] {ids}, true)));
    }
  }

  @Test
  void withoutPositionalEncodingTheEncoderIsPermutationEquivariant() {
    int[] ids = {4, 9, 7, 12, 5};
    int[] perm = {3, 0, 4, 1, 2};
    int[] permuted = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      permuted[i] = ids[perm[i]];
    }
    for (String pe : new String[] {"none", "sinusoidal"}) {
      float[] a = logits(ENCODER + "positional_encoding: " + pe + "\n", ids);
      float[] b = logits(ENCODER + "positional_encoding: " + pe + "\n", permuted);
      int v = a.length / ids.length;
      boolean equivariant = true;
      for (int i = 0; i < ids.length; i++) {
        for (int j = 0; j < v; j++) {
          equivariant &= Math.abs(b[i * v + j] - a[perm[i] * v + j]) < 1e-4;
        }
      }
      assertEquals(pe.equals("none"), equivariant, "positional_encoding: " + pe);
    }
  }

  /** The op types of one forward pass, in creation order: the structure of the computation. */
  private static java.util.List<String> opTypes(String yaml) {
    try (Tf tf = new Tf()) {
      Model m = TestModels.create(yaml, DataSpec.sequences(20, 20, 16));
      m.network().build(tf.context.params());
      ((LanguageModel) m)
          .logits(tf.context.call("forward", false), tf.ids(new int[][] {{4, 5}}, true));
      java.util.List<String> types = new java.util.ArrayList<>();
      var it = tf.graph.operations();
      while (it.hasNext()) {
        GraphOperation op = it.next();
        if (op.name().startsWith("forward/")) {
          types.add(op.type());
        }
      }
      return types;
    }
  }

  @Test
  void preAndPostNormGiveDifferentGraphsWithTheSameParameterCount() {
    long countPre;
    long countPost;
    try (Tf tf = new Tf()) {
      Model pre =
          TestModels.create(
              ENCODER.replace("layers: 2", "layers: 2\nnorm: pre"), DataSpec.sequences(20, 20, 16));
      pre.network().build(tf.context.params());
      countPre = pre.network().parameterCount();
    }
    try (Tf tf = new Tf()) {
      Model post = TestModels.create(ENCODER + "norm: post\n", DataSpec.sequences(20, 20, 16));
      post.network().build(tf.context.params());
      countPost = post.network().parameterCount();
    }
    // Pre-norm adds one final LayerNorm (2 D) over the same blocks.
    assertEquals(countPost + 2 * 16, countPre);
    assertNotEquals(opTypes(ENCODER + "norm: pre\n"), opTypes(ENCODER + "norm: post\n"));
    assertTrue(
        !java.util.Arrays.equals(
            logits(ENCODER + "norm: pre\n", new int[] {4, 5, 6}),
            logits(ENCODER + "norm: post\n", new int[] {4, 5, 6})));
  }

  @Test
  void removingResidualsChangesTheOutputButNotTheParameters() {
    float[] with = logits(ENCODER + "residual: true\n", new int[] {4, 5, 6});
    float[] without = logits(ENCODER + "residual: false\n", new int[] {4, 5, 6});
    assertEquals(with.length, without.length);
    double diff = 0;
    for (int i = 0; i < with.length; i++) {
      diff += Math.abs(with[i] - without[i]);
    }
    assertTrue(diff > 1e-2, "outputs should differ, total difference " + diff);
  }

  @Test
  void headsMustDivideTheModelWidth() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> TestModels.config("type: transformer\nd_model: 512\nheads: 6\n"));
    assertTrue(
        e.getMessage().contains("model.heads=6 must divide model.d_model=512"), e.getMessage());
  }

  @Test
  void patchesMustTileTheImage() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> TestModels.create("type: vit\npatch_size: 5\n", DataSpec.images(28, 28, 1, 10)));
    assertTrue(
        e.getMessage().contains("model.patch_size=5 does not divide the image size 28x28"),
        e.getMessage());
    assertTrue(e.getMessage().contains("[1, 2, 4, 7, 14, 28]"), e.getMessage());
  }

  @Test
  void withAConvStemPatchesMustTileItsFeatureMap() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                TestModels.create(
                    "type: vit\nstem_channels: [8, 16, 32]\npatch_size: 7\n",
                    DataSpec.images(28, 28, 1, 10)));
    assertTrue(
        e.getMessage()
            .contains(
                "model.patch_size=7 does not divide the 4x4 feature map of"
                    + " model.stem_channels=[8, 16, 32]"),
        e.getMessage());
    assertTrue(e.getMessage().contains("among [1, 2, 4]"), e.getMessage());
    String tree =
        tree(
            "type: vit\nstem_channels: [8, 16]\npatch_size: 7\nd_model: 16\nheads: 2\nd_ff: 16\nlayers: 1\n",
            DataSpec.images(28, 28, 1, 10));
    assertTrue(tree.contains("ConvStem(2 x 3x3 stride-2 conv + ReLU -> 7x7x16)"), tree);
    assertTrue(tree.contains("PatchEmbedding(7x7x16, patch 7 -> 1 tokens)"), tree);
  }

  @Test
  void stemChannelsMustBePositiveAndFew() {
    ConfigException zero =
        assertThrows(
            ConfigException.class, () -> TestModels.config("type: vit\nstem_channels: [8, 0]\n"));
    assertTrue(
        zero.getMessage().contains("model.stem_channels=[8, 0] has 0 channels"), zero.getMessage());
    ConfigException many =
        assertThrows(
            ConfigException.class,
            () -> TestModels.config("type: vit\nstem_channels: [1, 1, 1, 1, 1, 1, 1]\n"));
    assertTrue(many.getMessage().contains("has 7 convolutions; at most 6"), many.getMessage());
  }

  @Test
  void patchOverlapIsAtMostOnePatch() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> TestModels.config("type: vit\npatch_size: 4\npatch_overlap: 5\n"));
    assertTrue(
        e.getMessage().contains("model.patch_overlap=5 is more than patch_size=4"), e.getMessage());
  }

  @Test
  void localitySelfAttentionIsOnlyForEncoders() {
    for (String model :
        new String[] {"type: transformer", "type: transformer_lm", "type: rnn_seq2seq"}) {
      ConfigException e =
          assertThrows(
              ConfigException.class, () -> TestModels.config(model + "\nattention: locality\n"));
      assertTrue(e.getMessage().contains("model.attention=locality"), e.getMessage());
    }
    TestModels.config("type: vit\nattention: locality\n");
    TestModels.config("type: transformer_classifier\nattention: locality\n");
  }

  @Test
  void dropPathNeedsTheResidualConnections() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> TestModels.config("type: vit\ndrop_path: 0.1\nresidual: false\n"));
    assertTrue(e.getMessage().contains("model.drop_path=0.1"), e.getMessage());
    assertTrue(e.getMessage().contains("model.residual"), e.getMessage());
    TestModels.config("type: transformer_lm\ndrop_path: 0.1\n");
    TestModels.config("type: transformer\nresidual: false\n");
  }

  @Test
  void dropPathGrowsLinearlyWithDepthInEveryTransformerFamilyModel() {
    String tree =
        tree(
            "type: vit\npatch_size: 7\nd_model: 16\nheads: 2\nd_ff: 16\nlayers: 4\ndrop_path: 0.2\n",
            DataSpec.images(28, 28, 1, 10));
    // Huang et al.'s linear rule: layer l of L skips with l/L of the last layer's rate.
    for (String rate : new String[] {"0.050", "0.100", "0.150", "0.200"}) {
      assertEquals(2, count(tree, "drop_path=" + rate + ")"), rate + " in\n" + tree);
    }
    String seq2seq =
        tree(
            "type: transformer\nd_model: 16\nheads: 2\nd_ff: 32\nencoder_layers: 1\ndecoder_layers: 2\ndrop_path: 0.1\n",
            DataSpec.sequences(20, 30, 16));
    // the encoder's only layer and the decoder's last have the full rate (2 + 3 sublayers)
    assertEquals(5, count(seq2seq, "drop_path=0.100)"), seq2seq);
    assertEquals(3, count(seq2seq, "drop_path=0.050)"), seq2seq);
    String off =
        tree(
            "type: transformer_classifier\nd_model: 16\nheads: 2\nd_ff: 16\nlayers: 2\n",
            DataSpec.tokenClasses(30, 3, 20));
    assertEquals(0, count(off, "drop_path="), off);
  }

  private static String tree(String yaml, DataSpec data) {
    return TestModels.create(yaml, data).network().tree();
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void forwardShapesOfEveryModel() {
    try (Tf tf = new Tf()) {
      Seq2SeqModel t =
          (Seq2SeqModel)
              TestModels.create(
                  "type: transformer\nd_model: 16\nheads: 2\nd_ff: 32\nencoder_layers: 1\ndecoder_layers: 1\n",
                  DataSpec.sequences(20, 30, 16));
      t.network().build(tf.context.params());
      CallScope cs = tf.context.call("c", false);
      Operand<TFloat32> out =
          t.logits(
              cs,
              tf.ids(new int[][] {{4, 5, 6, 2}, {7, 2, 0, 0}}, true),
              tf.ids(new int[][] {{1, 8, 9}, {1, 10, 0}}, true));
      assertArrayEquals(new long[] {2, 3, 30}, tf.shape(out));
    }
    try (Tf tf = new Tf()) {
      Seq2SeqModel r =
          (Seq2SeqModel)
              TestModels.create(
                  "type: rnn_seq2seq\nembedding_dim: 8\nhidden_size: 8\n",
                  DataSpec.sequences(20, 30, 16));
      r.network().build(tf.context.params());
      Operand<TFloat32> out =
          r.logits(
              tf.context.call("c", false),
              tf.ids(new int[][] {{4, 5, 6, 2}, {7, 2, 0, 0}}, false),
              tf.ids(new int[][] {{1, 8, 9}, {1, 10, 0}}, false));
      assertArrayEquals(new long[] {2, 3, 30}, tf.shape(out));
    }
    for (String image :
        new String[] {
          "type: vit\nd_model: 16\nheads: 2\nd_ff: 16\nlayers: 1\n",
          "type: vit\npatch_size: 7\npatch_overlap: 2\nattention: locality\nd_model: 16\nheads: 2\nd_ff: 16\nlayers: 1\n",
          "type: vit\nstem_channels: [4, 8, 16]\npatch_size: 1\nd_model: 16\nheads: 2\nd_ff: 16\nlayers: 1\n",
          "type: cnn\n",
          "type: rnn_rows\nhidden_size: 8\n"
        }) {
      try (Tf tf = new Tf()) {
        ClassifierModel c =
            (ClassifierModel) TestModels.create(image, DataSpec.images(28, 28, 1, 10));
        c.network().build(tf.context.params());
        Operand<TFloat32> images =
            tf.context
                .tf()
                .zeros(tf.context.tf().constant(new int[] {3, 28, 28, 1}), TFloat32.class);
        assertArrayEquals(
            new long[] {3, 10}, tf.shape(c.logits(tf.context.call("c", false), images)), image);
      }
    }
  }
}
