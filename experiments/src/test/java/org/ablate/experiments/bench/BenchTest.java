package org.ablate.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ablate.core.graph.Hardware;
import org.junit.jupiter.api.Test;

/**
 * What {@code ./ablate bench} prints: the CPU's matmul features, the matmul probe in each
 * precision, each model's share of its precision's probe, and with {@code --trace} the time per op
 * type with the step's matmul, fused and cast counts. Figures are checked for sense, never for
 * speed.
 */
class BenchTest {
  private static final Pattern COUNTS =
      Pattern.compile("graph as run: (\\d+) matmul ops \\((\\d+) of them fused.*, (\\d+) casts");

  private static int[] counts(String log) {
    Matcher m = COUNTS.matcher(log);
    assertTrue(m.find(), log);
    return new int[] {
      Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))
    };
  }

  @Test
  void printsTheMachineTheProbesEachModelsShareAndTheCastsOfEachPrecision() {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    List<Map<String, Object>> out =
        Bench.run(
            List.of("vit"),
            1,
            1,
            0,
            BenchPrecision.FLOAT32,
            true,
            true,
            new PrintStream(log, true, StandardCharsets.UTF_8));
    assertEquals(Hardware.thisMachine().describe(), out.get(0).get("machine"));
    assertEquals("matmul_2048", out.get(1).get("model"));
    assertEquals("float32", out.get(1).get("precision"));
    assertEquals("bfloat16", out.get(2).get("precision"));
    for (int i = 1; i <= 2; i++) {
      double gflops = ((Number) out.get(i).get("per_s")).doubleValue();
      assertTrue(gflops > 0 && Double.isFinite(gflops), out.get(i).toString());
    }
    Map<String, Object> vit = out.get(3);
    assertEquals("vit", vit.get("model"));
    assertEquals(805_130L, ((Number) vit.get("params")).longValue());
    double share = ((Number) vit.get("share_of_matmul_probe")).doubleValue();
    assertTrue(share > 0 && share < 5, "share of the float32 probe: " + share);
    String text = log.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("vit float32: one traced step"), text);
    // float32 casts are the shape arithmetic's (int to float); bfloat16 adds casts around matmuls
    int float32Casts = counts(text)[2];
    for (BenchPrecision precision :
        List.of(BenchPrecision.BFLOAT16, BenchPrecision.BFLOAT16_REWRITE)) {
      ByteArrayOutputStream bLog = new ByteArrayOutputStream();
      List<Map<String, Object>> bOut =
          Bench.run(
              List.of("vit"),
              1,
              1,
              0,
              precision,
              true,
              false,
              new PrintStream(bLog, true, StandardCharsets.UTF_8));
      assertEquals(precision.label(), bOut.get(1).get("precision"));
      assertTrue(!bOut.get(1).containsKey("share_of_matmul_probe"), "no probe, no share");
      String bText = bLog.toString(StandardCharsets.UTF_8);
      int[] counts = counts(bText);
      assertTrue(counts[0] > 50, "matmuls of a ViT step: " + counts[0]);
      if (precision == BenchPrecision.BFLOAT16_REWRITE && !OneDnn.enabled()) {
        // TensorFlow's rewrite is one of its oneDNN passes, off by default on some CPUs in tests
        assertEquals(float32Casts, counts[2], bText);
        assertTrue(bText.contains("the auto-mixed-precision rewrite is off"), text);
      } else {
        assertTrue(
            counts[2] > float32Casts + counts[0],
            precision + " casts its matmuls' operands (float32: " + float32Casts + "): " + bText);
      }
    }
  }

  /**
   * The FLOPs a training step counts from its graph (what {@code training.budget_flops} spends) are
   * the ones the reference formulas count by hand for the PyTorch peer.
   */
  @Test
  void theGraphsCountedFlopsAreTheReferenceFormulas() {
    List<Map<String, Object>> out =
        Bench.run(
            List.of("transformer", "gru_attn", "vit"),
            1,
            0,
            0,
            BenchPrecision.FLOAT32,
            false,
            false,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    for (Map<String, Object> m : out.subList(1, out.size())) {
      double formula = ((Number) m.get("gflop_per_step")).doubleValue();
      double counted = ((Number) m.get("counted_gflop_per_step")).doubleValue();
      assertTrue(formula > 1, m.toString());
      assertEquals(formula, counted, 0.01 * formula, m.toString());
    }
  }

  @Test
  void oneDnnFollowsTheVariableElseTensorFlowsCpuDefault() {
    Hardware avx2 = new Hardware(Set.of("avx2", "fma"), List.of());
    Hardware amx = new Hardware(Set.of("avx2", "avx512f", "amx_tile", "amx_bf16"), List.of());
    assertTrue(!OneDnn.enabled(null, avx2));
    assertTrue(OneDnn.enabled(null, amx));
    assertTrue(OneDnn.enabled("1", avx2));
    assertTrue(!OneDnn.enabled("0", amx));
  }
}
