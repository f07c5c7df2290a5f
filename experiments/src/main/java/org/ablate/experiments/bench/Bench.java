package org.ablate.experiments.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ablate.core.graph.Hardware;
import org.ablate.core.graph.Precision;

/**
 * Entry point of the benchmark: a line naming the CPU's matmul features, optionally the matmul
 * probe in each precision, then the reference models in turn, each with its share of the probe of
 * its arithmetic when the probe ran.
 */
public final class Bench {
  private Bench() {}

  public static List<Map<String, Object>> run(
      List<String> models,
      int steps,
      int warmup,
      int threads,
      BenchPrecision precision,
      boolean trace,
      boolean matmul,
      PrintStream log) {
    List<Map<String, Object>> out = new ArrayList<>();
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("machine", Hardware.thisMachine().describe());
    out.add(machine);
    Map<Precision, Double> peak = new EnumMap<>(Precision.class);
    if (matmul) {
      for (Precision p : Precision.values()) {
        double gflops = Math.round(MatmulProbe.gflops(2048, p, threads) * 10) / 10.0;
        peak.put(p, gflops);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", "matmul_2048");
        m.put("unit", "GFLOP/s");
        m.put("per_s", gflops);
        m.put("precision", p.name().toLowerCase(Locale.ROOT));
        out.add(m);
      }
    }
    for (ReferenceModels.Reference ref : ReferenceModels.all()) {
      if (models.contains(ref.name())) {
        Map<String, Object> m =
            Benchmark.run(ref, steps, warmup, threads, precision, trace, log).json();
        Double probe = peak.get(precision.arithmetic());
        if (probe != null) {
          double achieved = ((Number) m.get("achieved_gflop_s")).doubleValue();
          m.put("share_of_matmul_probe", Math.round(1000 * achieved / probe) / 1000.0);
        }
        out.add(m);
      }
    }
    return out;
  }
}
