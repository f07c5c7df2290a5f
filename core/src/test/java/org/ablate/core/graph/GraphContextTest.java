package org.ablate.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ablate.core.testing.Tf;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

class GraphContextTest {
  /** A minimal layer for exercising the contract. */
  static final class Scale extends Layer {
    private Variable<TFloat32> gain;

    Scale(String name) {
      super(name);
    }

    @Override
    protected void createParams(ParamScope scope) {
      gain = param(scope, "gain", new long[] {3}, Initializer.uniform(1));
    }

    Operand<TFloat32> call(CallScope cs, Operand<TFloat32> x) {
      checkBuilt();
      return cs.tf().math.mul(x, gain);
    }
  }

  static final class Pair extends Layer {
    final Scale a;
    final Scale b;

    Pair(String name) {
      super(name);
      a = add(new Scale("a"));
      b = add(new Scale("b"));
    }
  }

  @Test
  void weightsAreNamedByTheirScopePath() {
    try (Tf tf = new Tf()) {
      Pair pair = new Pair("outer");
      pair.build(tf.context.params());
      assertEquals("outer/a/gain", pair.a.ownParams().get(0).name());
      assertEquals("outer/a/gain", pair.a.ownParams().get(0).variable().op().name());
      assertEquals(2, pair.allParams().size());
      assertEquals(6, pair.parameterCount());
      assertEquals("outer/b", pair.b.path());
    }
  }

  @Test
  void twoPartsWithTheSameNameFailInsteadOfBeingRenamed() {
    try (Tf tf = new Tf()) {
      new Scale("x").build(tf.context.params());
      assertThrows(IllegalStateException.class, () -> new Scale("x").build(tf.context.params()));
    }
  }

  @Test
  void aLayerBuildsOnceAndMustBeBuiltBeforeItIsCalled() {
    try (Tf tf = new Tf()) {
      Scale s = new Scale("s");
      Operand<TFloat32> x = tf.input(new float[][] {{1, 2, 3}});
      assertThrows(IllegalStateException.class, () -> s.call(tf.context.call("c", false), x));
      s.build(tf.context.params());
      assertThrows(IllegalStateException.class, () -> s.build(tf.context.params()));
    }
  }

  @Test
  void theSameSeedAndNameGiveTheSameInitialValues() {
    float[] first;
    float[] second;
    float[] otherSeed;
    try (Tf tf = new Tf(11)) {
      Scale s = new Scale("s");
      s.build(tf.context.params());
      first = tf.run(s.call(tf.context.call("c", false), tf.input(new float[][] {{1, 1, 1}})));
    }
    try (Tf tf = new Tf(11)) {
      new Scale("unrelated").build(tf.context.params());
      Scale s = new Scale("s");
      s.build(tf.context.params());
      second = tf.run(s.call(tf.context.call("c", false), tf.input(new float[][] {{1, 1, 1}})));
    }
    try (Tf tf = new Tf(12)) {
      Scale s = new Scale("s");
      s.build(tf.context.params());
      otherSeed = tf.run(s.call(tf.context.call("c", false), tf.input(new float[][] {{1, 1, 1}})));
    }
    assertArrayEquals(first, second);
    assertFalse(java.util.Arrays.equals(first, otherSeed));
    for (float v : first) {
      assertTrue(v >= -1 && v <= 1, "uniform(1) init out of range: " + v);
    }
  }

  @Test
  void dropoutIsIdentityAtInferenceAndSeededByStepInTraining() {
    try (Tf tf = new Tf()) {
      float[][] ones = new float[1][1000];
      java.util.Arrays.fill(ones[0], 1f);
      Operand<TFloat32> x = tf.input(ones);
      Operand<TFloat32> eval = tf.context.call("eval", false).dropout(x, 0.5);
      assertEquals(x, eval);
      Operand<TFloat32> train = tf.context.call("train", true).dropout(x, 0.25);
      tf.refeed(tf.context.stepSeed(), TInt64.vectorOf(tf.context.stepSeedValue(1)));
      float[] step1 = tf.run(train);
      float[] step1Again = tf.run(train);
      tf.refeed(tf.context.stepSeed(), TInt64.vectorOf(tf.context.stepSeedValue(2)));
      float[] step2 = tf.run(train);
      assertArrayEquals(step1, step1Again);
      assertNotEquals(java.util.Arrays.toString(step1), java.util.Arrays.toString(step2));
      int kept = 0;
      for (float v : step1) {
        assertTrue(v == 0f || Math.abs(v - 1 / 0.75f) < 1e-6, "value " + v);
        kept += v == 0f ? 0 : 1;
      }
      assertTrue(kept > 690 && kept < 810, "kept " + kept + " of 1000 at rate 0.25");
    }
  }

  @Test
  void dropPathSkipsWholeExamplesInTrainingAndIsIdentityAtInference() {
    try (Tf tf = new Tf()) {
      int examples = 2000;
      float[][][] x = new float[examples][3][4];
      for (int b = 0; b < examples; b++) {
        for (int t = 0; t < 3; t++) {
          for (int d = 0; d < 4; d++) {
            x[b][t][d] = 1 + b % 7 + t * 4 + d;
          }
        }
      }
      Operand<TFloat32> in = tf.input(x);
      assertEquals(in, tf.context.call("eval", false).dropPath(in, 0.5));
      assertEquals(in, tf.context.call("train0", true).dropPath(in, 0.0));
      Operand<TFloat32> train = tf.context.call("train", true).dropPath(in, 0.2);
      tf.refeed(tf.context.stepSeed(), TInt64.vectorOf(tf.context.stepSeedValue(3)));
      float[] out = tf.run(train);
      assertArrayEquals(out, tf.run(train));
      int skipped = 0;
      for (int b = 0; b < examples; b++) {
        boolean zero = out[b * 12] == 0f;
        skipped += zero ? 1 : 0;
        for (int i = 0; i < 12; i++) {
          float expected = zero ? 0f : x[b][i / 4][i % 4] / 0.8f;
          assertEquals(expected, out[b * 12 + i], 1e-5, "example " + b + " element " + i);
        }
      }
      // 400 expected; binomial standard deviation ~18
      assertTrue(skipped > 330 && skipped < 470, "skipped " + skipped + " of " + examples);
      assertThrows(
          IllegalArgumentException.class, () -> tf.context.call("bad", true).dropPath(in, 1.0));
    }
  }

  /**
   * Weights spread over two parameter devices go, in creation order, to the device with the fewest
   * bytes so far: 100 floats to task 0, 50 to task 1, 60 to task 1 (50 < 100), 10 to task 0 (100 <
   * 110); state kept beside a weight goes to the weight's device.
   */
  @Test
  void weightsAreSpreadOverParameterDevicesBySize() {
    try (org.tensorflow.Graph g = new org.tensorflow.Graph()) {
      List<org.tensorflow.DeviceSpec> ps = new ArrayList<>();
      for (int task = 0; task < 2; task++) {
        ps.add(
            org.tensorflow.DeviceSpec.newBuilder()
                .job("ps")
                .replica(0)
                .task(task)
                .deviceType(org.tensorflow.DeviceSpec.DeviceType.CPU)
                .deviceIndex(0)
                .build());
      }
      GraphContext ctx = new GraphContext(g, 1, Precision.FLOAT32, ps, null);
      long[][] shapes = {{10, 10}, {50}, {6, 10}, {10}};
      int[] expected = {0, 1, 1, 0};
      List<Param> params = new ArrayList<>();
      for (int i = 0; i < shapes.length; i++) {
        params.add(ctx.params().create("w" + i, shapes[i], Initializer.uniform(1)));
      }
      for (int i = 0; i < shapes.length; i++) {
        String device = ((org.tensorflow.GraphOperation) params.get(i).variable().op()).device();
        assertTrue(device.contains("/task:" + expected[i]), "w" + i + " on " + device);
        Variable<TFloat32> slot =
            ctx.besideWeight(ctx.parameterOps(), params.get(i))
                .withName("slot" + i)
                .variable(ctx.tf().zeros(ctx.tf().constant(shapes[i]), TFloat32.class));
        assertEquals(device, ((org.tensorflow.GraphOperation) slot.op()).device());
      }
      assertArrayEquals(new long[] {440, 440}, ctx.bytesPerParameterDevice());
    }
    try (org.tensorflow.Graph g = new org.tensorflow.Graph()) {
      assertEquals(0, new GraphContext(g, 1, Precision.FLOAT32).bytesPerParameterDevice().length);
    }
  }
}
