package org.ablate.experiments.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ablate.core.graph.Precision;

/** Entry point of the benchmark: the reference models in turn, and optionally a matmul probe. */
public final class Bench {
  private Bench() {}

  public static List<Map<String, Object>> run(
      List<String> models,
      int steps,
      int warmup,
      int threads,
      Precision precision,
      boolean trace,
      boolean matmul,
      PrintStream log) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (matmul) {
      for (Precision p : Precision.values()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", "matmul_2048");
        m.put("unit", "GFLOP/s");
        m.put("per_s", Math.round(MatmulProbe.gflops(2048, p, threads) * 10) / 10.0);
        m.put("precision", p.name().toLowerCase());
        out.add(m);
      }
    }
    for (ReferenceModels.Reference ref : ReferenceModels.all()) {
      if (models.contains(ref.name())) {
        out.add(Benchmark.run(ref, steps, warmup, threads, precision, trace, log).json());
      }
    }
    return out;
  }
}
