package org.ablate.layers.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.BiFunction;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Layer;
import org.ablate.core.graph.Param;
import org.ablate.core.registry.ComponentFactory;
import org.ablate.core.testing.Tf;
import org.ablate.layers.attention.Attention;
import org.ablate.layers.attention.AttentionSpec;
import org.ablate.layers.attention.Masks;
import org.ablate.layers.attention.MultiHeadAttention;
import org.ablate.layers.attention.MultiHeadConfig;
import org.ablate.layers.attention.MultiHeadSpec;
import org.ablate.layers.feedforward.FeedForward;
import org.ablate.layers.feedforward.FeedForwardSpec;
import org.ablate.layers.norm.Norm;
import org.ablate.layers.norm.NormSpec;
import org.ablate.layers.position.PositionSpec;
import org.ablate.layers.position.PositionalEncoding;
import org.ablate.layers.recurrent.Rnn;
import org.ablate.layers.recurrent.RnnCell;
import org.ablate.layers.recurrent.RnnCellSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The contract every component of a layer slot passes, built-in or from a plugin: it builds under
 * its own scope, creates the expected number of weights (give the closed form for the sizes below),
 * names every weight below its path, gives the expected output shape with finite values, and, for
 * attention, lets no masked key through: padded keys get weight 0, a causal mask hides the future,
 * and a cached decoding step equals the full computation. Published in the {@code ablate-layers}
 * test-jar for plugin authors.
 *
 * <pre>{@code
 * @Test
 * void talkingHeadsHonoursTheAttentionContract() {
 *   // the talking-heads matrices: 2 of H x H
 *   LayerContracts.attention(TalkingHeadsAttention::new, new TalkingHeadsConfig(true, true),
 *       2L * LayerContracts.HEADS * LayerContracts.HEADS);
 * }
 * }</pre>
 */
public final class LayerContracts {
  /** Batch size of the contract's inputs. */
  public static final int B = 2;

  /** Sequence length of the contract's inputs. */
  public static final int T = 5;

  /** Model width D of the contract's inputs. */
  public static final int D = 8;

  /** Heads of the multi-head attention an attention function is tested in (head width D / H). */
  public static final int HEADS = 2;

  /** Inner width d_ff of the feed-forward blocks tested. */
  public static final int D_FF = 16;

  /** Longest sequence of the positional encodings tested. */
  public static final int MAX_LENGTH = 16;

  /** Hidden width of the recurrent cells tested. */
  public static final int HIDDEN = 6;

  private LayerContracts() {}

  /**
   * An attention function inside {@link #HEADS}-head attention of width {@link #D}: the contract,
   * the padding and causal masks, and (when it is incremental) the cached step. {@code params}
   * counts the function's own weights (the block's projections, 4 (D^2 + D), are added).
   */
  public static <C> void attention(
      ComponentFactory<C, AttentionSpec, Attention> factory, C config, long params) {
    BiFunction<Tf, String, MultiHeadAttention> make =
        (tf, name) -> {
          int dh = D / HEADS;
          Attention a = factory.create("attention", new AttentionSpec(dh, dh, 0.0, HEADS), config);
          return new MultiHeadAttention(name, new MultiHeadSpec(D, HEADS, 0.0), a);
        };
    try (Tf tf = new Tf()) {
      MultiHeadAttention mha = make.apply(tf, "mha");
      String what = "attention in " + mha.describe();
      check(tf, mha, 4L * (D * D + D) + params, what);
      Operand<TFloat32> x = tf.input(input(B, T, D, 1));
      CallScope cs = tf.context.call("call", true);
      expectShape(tf, mha.call(cs, x, x, null), new long[] {B, T, D}, what);
      paddedKeysGetNoWeight(tf, mha);
    }
    int dh = D / HEADS;
    if (factory.create("probe", new AttentionSpec(dh, dh, 0.0, HEADS), config).incremental()) {
      // An attention whose mask depends on where the query sits (locality) is encoder-only.
      causalMaskHidesTheFuture(make);
      try (Tf tf = new Tf(5)) {
        cachedStepEqualsTheFullComputation(tf, make.apply(tf, "mha"));
      }
    }
  }

  /**
   * A multi-head block around {@code attention} (its parameter count in {@code params}), then
   * around scaled dot-product attention: the padding and causal masks, and the cached decoding
   * step.
   */
  public static <C> void multiHead(
      ComponentFactory<C, MultiHeadAttention.Parts, MultiHeadAttention> factory,
      C config,
      Attention attention,
      long params) {
    try (Tf tf = new Tf()) {
      MultiHeadAttention mha =
          factory.create(
              "mha",
              new MultiHeadAttention.Parts(new MultiHeadSpec(D, HEADS, 0.0), attention),
              config);
      check(tf, mha, params, mha.describe());
      Operand<TFloat32> x = tf.input(input(B, T, D, 1));
      expectShape(
          tf,
          mha.call(tf.context.call("call", true), x, x, null),
          new long[] {B, T, D},
          mha.describe());
      paddedKeysGetNoWeight(tf, mha);
    }
    BiFunction<Tf, String, MultiHeadAttention> make =
        (tf, name) ->
            factory.create(
                name,
                new MultiHeadAttention.Parts(
                    new MultiHeadSpec(D, HEADS, 0.0),
                    new ScaledProduct(new AttentionSpec(D / HEADS, D / HEADS, 0.0, HEADS))),
                config);
    causalMaskHidesTheFuture(make);
    try (Tf tf = new Tf(5)) {
      cachedStepEqualsTheFullComputation(tf, make.apply(tf, "mha"));
    }
  }

  /**
   * A feed-forward block of width {@link #D} and inner width {@link #D_FF}: position by position.
   */
  public static <C> void feedForward(
      ComponentFactory<C, FeedForwardSpec, FeedForward> factory, C config, long params) {
    try (Tf tf = new Tf()) {
      FeedForward ffn = factory.create("ffn", new FeedForwardSpec(D, D_FF, 0.1), config);
      check(tf, ffn, params, ffn.describe());
      CallScope cs = tf.context.call("call", false);
      float[][][] a = input(B, T, D, 1);
      float[][][] b = input(B, T, D, 1);
      b[0][T - 1] = input(1, 1, D, 9)[0][0];
      float[] ya = expectShape(tf, ffn.call(cs, tf.input(a)), new long[] {B, T, D}, ffn.describe());
      float[] yb = tf.run(ffn.call(cs, tf.input(b)));
      for (int i = 0; i < (T - 1) * D; i++) {
        assertEquals(ya[i], yb[i], 1e-6f, ffn.describe() + " mixed positions");
      }
    }
  }

  /** A normalization over width {@link #D}. */
  public static <C> void norm(ComponentFactory<C, NormSpec, Norm> factory, C config, long params) {
    try (Tf tf = new Tf()) {
      Norm norm = factory.create("norm", new NormSpec(D), config);
      check(tf, norm, params, norm.describe());
      Operand<TFloat32> x = tf.input(input(B, T, D, 1));
      expectShape(
          tf, norm.call(tf.context.call("call", true), x), new long[] {B, T, D}, norm.describe());
    }
  }

  /**
   * A positional encoding of width {@link #D} covering {@link #MAX_LENGTH} positions, for {@link
   * #HEADS} heads. One that acts inside self-attention ({@link PositionalEncoding#relative()}) is
   * also tested there, in a block of scaled dot-product attention: padded keys change nothing, a
   * causal mask hides the future, and each cached decoding step equals the full computation.
   */
  public static <C> void positions(
      ComponentFactory<C, PositionSpec, PositionalEncoding> factory, C config, long params) {
    PositionSpec spec = new PositionSpec(D, MAX_LENGTH, HEADS);
    boolean relative;
    try (Tf tf = new Tf()) {
      PositionalEncoding p = factory.create("positions", spec, config);
      check(tf, p, params, p.describe());
      Operand<TFloat32> x = tf.input(input(B, T, D, 1));
      expectShape(tf, p.call(tf.context.call("call", true), x), new long[] {B, T, D}, p.describe());
      relative = p.relative() != null;
    }
    if (relative) {
      BiFunction<Tf, String, MultiHeadAttention> make =
          (tf, name) -> {
            int dh = D / HEADS;
            PositionalEncoding p = factory.create("positions", spec, config);
            p.build(tf.context.params());
            return new MultiHeadAttention(
                name,
                new MultiHeadSpec(D, HEADS, 0.0),
                new ScaledProduct(new AttentionSpec(dh, dh, 0.0, HEADS)),
                p.relative(),
                MultiHeadConfig.STANDARD);
          };
      try (Tf tf = new Tf(7)) {
        paddedKeysChangeNothing(tf, make.apply(tf, "mha"));
      }
      causalMaskHidesTheFuture(make);
      try (Tf tf = new Tf(5)) {
        cachedStepEqualsTheFullComputation(tf, make.apply(tf, "mha"));
      }
    }
  }

  /**
   * Scaled dot-product scores, q k^T / sqrt(d_k), the block the relative positions are tested in.
   */
  private static final class ScaledProduct extends Attention {
    ScaledProduct(AttentionSpec spec) {
      super("attention", spec);
    }

    @Override
    protected Operand<TFloat32> scores(CallScope cs, Operand<TFloat32> q, Operand<TFloat32> keys) {
      Operand<TFloat32> scaled =
          cs.tf().math.mul(q, cs.tf().constant((float) (1 / Math.sqrt(spec.keyDim()))));
      return cs.batchMatmul(scaled, keys, true);
    }

    @Override
    public String describe() {
      return "ScaledProduct";
    }
  }

  /**
   * In self-attention with a padding mask, what the padded positions hold changes no real output.
   */
  private static void paddedKeysChangeNothing(Tf tf, MultiHeadAttention mha) {
    mha.build(tf.context.params());
    CallScope cs = tf.context.call("padded", false);
    float[][][] a = input(1, 4, D, 3);
    float[][][] b = input(1, 4, D, 3);
    b[0][2] = input(1, 1, D, 30)[0][0];
    b[0][3] = input(1, 1, D, 31)[0][0];
    Operand<TFloat32> mask = Masks.padding(cs.tf(), tf.ids(new int[][] {{5, 6, 0, 0}}, false), 0);
    float[] ya = tf.run(mha.selfAttention(cs, tf.input(a), mask));
    float[] yb = tf.run(mha.selfAttention(cs, tf.input(b), mask));
    for (int i = 0; i < 2 * D; i++) {
      assertEquals(ya[i], yb[i], 1e-5f, "a padded key reached position " + i / D);
    }
  }

  /** A recurrent cell from width {@link #D} to {@link #HIDDEN}, unrolled over {@link #T} steps. */
  public static <C> void rnnCell(
      ComponentFactory<C, RnnCellSpec, RnnCell> factory, C config, long params) {
    try (Tf tf = new Tf()) {
      Rnn rnn = new Rnn("rnn", factory.create("cell", new RnnCellSpec(D, HIDDEN), config), false);
      check(tf, rnn, params, rnn.describe());
      Operand<TFloat32> x = tf.input(input(B, T, D, 1));
      expectShape(
          tf,
          rnn.call(tf.context.call("call", true), x, null, null).outputs(),
          new long[] {B, T, HIDDEN},
          rnn.describe());
    }
  }

  /** Builds the layer and checks its parameter count and weight names. */
  private static void check(Tf tf, Layer layer, long params, String what) {
    layer.build(tf.context.params());
    assertEquals(params, layer.parameterCount(), "closed-form parameter count of " + what);
    for (Param p : layer.allParams()) {
      assertTrue(p.name().startsWith(layer.path() + "/"), p.name() + " is outside " + layer.path());
      assertEquals(p.name(), p.variable().op().name());
    }
  }

  private static float[] expectShape(Tf tf, Operand<TFloat32> y, long[] shape, String what) {
    float[] values = tf.run(y);
    assertArrayEquals(shape, tf.shape(y), "output shape of " + what);
    for (float v : values) {
      assertTrue(Float.isFinite(v), what + " produced " + v);
    }
    return values;
  }

  /** Keys marked as padding get weight 0 from every head and every query. */
  private static void paddedKeysGetNoWeight(Tf tf, MultiHeadAttention mha) {
    CallScope cs = tf.context.call("masked", false);
    Operand<TFloat32> x = tf.input(input(1, 4, D, 3));
    Operand<TInt32> ids = tf.ids(new int[][] {{5, 6, 0, 0}}, false);
    float[] w = tf.run(mha.weights(cs, x, x, Masks.padding(cs.tf(), ids, 0))); // [1, H, 4, 4]
    for (int row = 0; row < HEADS * 4; row++) {
      assertEquals(0f, w[row * 4 + 2], "padded key 2 got weight in row " + row);
      assertEquals(0f, w[row * 4 + 3], "padded key 3 got weight in row " + row);
    }
  }

  /** Under a causal mask, changing positions after t leaves the outputs at t and before alone. */
  private static void causalMaskHidesTheFuture(BiFunction<Tf, String, MultiHeadAttention> make) {
    float[][][] x1 = input(1, 6, D, 4);
    float[][][] x2 = input(1, 6, D, 4);
    for (int t = 3; t < 6; t++) {
      x2[0][t] = input(1, 1, D, 40 + t)[0][0];
    }
    float[] y1 = causal(make, x1);
    float[] y2 = causal(make, x2);
    for (int i = 0; i < 3 * D; i++) {
      assertEquals(y1[i], y2[i], 1e-5f, "the output at position " + i / D + " saw the future");
    }
  }

  private static float[] causal(BiFunction<Tf, String, MultiHeadAttention> make, float[][][] x) {
    try (Tf tf = new Tf(3)) {
      MultiHeadAttention mha = make.apply(tf, "mha");
      mha.build(tf.context.params());
      CallScope cs = tf.context.call("c", false);
      Operand<TFloat32> in = tf.input(x);
      return tf.run(
          mha.selfAttention(cs, in, Masks.causal(cs.tf(), cs.tf().constant(x[0].length))));
    }
  }

  /** Each cached decoding step equals that position's row of causal self-attention. */
  private static void cachedStepEqualsTheFullComputation(Tf tf, MultiHeadAttention mha) {
    mha.build(tf.context.params());
    int length = 4;
    int dh = D / HEADS;
    CallScope cs = tf.context.call("c", false);
    Ops ops = cs.tf();
    Operand<TFloat32> all = tf.input(input(B, length, D, 11));
    float[] whole = tf.run(mha.selfAttention(cs, all, Masks.causal(ops, ops.constant(length))));
    Operand<TFloat32> keys = mha.emptyCache(cs, ops.constant(B)); // [B, G, 0, Dh]
    Operand<TFloat32> values = keys;
    for (int t = 0; t < length; t++) {
      Operand<TFloat32> position =
          ops.slice(all, ops.constant(new int[] {0, t, 0}), ops.constant(new int[] {-1, 1, -1}));
      MultiHeadAttention.CachedStep step = mha.selfAttentionStep(cs, position, keys, values);
      float[] got = tf.run(step.output()); // [B, 1, D]
      assertArrayEquals(
          new long[] {B, mha.kvHeads(), t + 1, dh},
          tf.shape(step.keys()),
          "the cache holds the key/value heads of every position so far");
      for (int b = 0; b < B; b++) {
        for (int d = 0; d < D; d++) {
          assertEquals(whole[(b * length + t) * D + d], got[b * D + d], 1e-5, "cached step " + t);
        }
      }
      keys = step.keys();
      values = step.values();
    }
  }

  /** Deterministic Gaussian inputs {@code [b, t, d]}. */
  public static float[][][] input(int b, int t, int d, long seed) {
    Random rng = new Random(seed);
    float[][][] x = new float[b][t][d];
    for (float[][] row : x) {
      for (float[] position : row) {
        for (int i = 0; i < d; i++) {
          position[i] = (float) rng.nextGaussian();
        }
      }
    }
    return x;
  }
}
