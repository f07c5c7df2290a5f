package org.ablate.experiments.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.ablate.core.config.ConfigBinder;
import org.ablate.core.config.ConfigTree;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.GraphContext;
import org.ablate.core.registry.Registry;
import org.ablate.experiments.run.Injection;
import org.ablate.layers.attention.Masks;
import org.ablate.models.ClassifierModel;
import org.ablate.models.DataSpec;
import org.ablate.models.Model;
import org.ablate.models.Seq2SeqModel;
import org.ablate.models.config.ModelConfig;
import org.ablate.training.graph.Adam;
import org.ablate.training.graph.Losses;
import org.ablate.training.graph.Optimizer;
import org.ablate.training.graph.TrainingFlops;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.proto.StepStats;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Trains one reference configuration on a fixed random batch, exactly as a training step runs
 * (label-smoothed cross-entropy, backward pass, global-norm clipping at 1.0, Adam, dropout 0.1),
 * and times it after a warm-up. Optionally traces one step and reports time per op type.
 *
 * <p>The inputs' batch dimension is left unknown in the graph, as training's placeholders leave it:
 * with a fully static shape TensorFlow's constant folding turns the reshape gradient's {@code
 * Shape} of each bias-add into a constant with a control edge, and that edge stops the remapper
 * from fusing the matmul with its bias (measured in docs/benchmarks.md).
 */
final class Benchmark {
  /** One model's figures, with the peer's fields first. */
  record Result(
      String model,
      String unit,
      double perS,
      double stepMs,
      long params,
      String precision,
      double gflopPerStep,
      double countedGflopPerStep,
      double peakRssMb,
      double rssAfterWarmupMb,
      double rssEndMb) {
    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", model);
      m.put("unit", unit);
      m.put("per_s", Math.round(perS * 10) / 10.0);
      m.put("step_ms", Math.round(stepMs * 100) / 100.0);
      m.put("params", params);
      m.put("precision", precision);
      m.put("gflop_per_step", Math.round(gflopPerStep * 10) / 10.0);
      m.put("counted_gflop_per_step", Math.round(countedGflopPerStep * 10) / 10.0);
      m.put("achieved_gflop_s", Math.round(gflopPerStep / (stepMs / 1000) * 10) / 10.0);
      m.put("peak_rss_mb", Math.round(peakRssMb));
      m.put("rss_after_warmup_mb", Math.round(rssAfterWarmupMb));
      m.put("rss_end_mb", Math.round(rssEndMb));
      return m;
    }
  }

  /** Wraps the model section for binding, as in an experiment file. */
  record Holder(ModelConfig model) {}

  private Benchmark() {}

  static Result run(
      ReferenceModels.Reference ref,
      int steps,
      int warmup,
      int threads,
      BenchPrecision precision,
      boolean trace,
      PrintStream log) {
    Registry registry = Injection.builtIn().registry();
    ModelConfig config =
        new ConfigBinder(registry)
            .bind(
                Holder.class,
                ConfigTree.parse("model:\n" + ref.modelYaml().indent(2), "reference " + ref.name()))
            .model();
    DataSpec data =
        ref.images()
            ? DataSpec.images(28, 28, 1, 10)
            : DataSpec.sequences(ref.vocabulary(), ref.vocabulary(), 64);
    Model model = registry.make(ModelConfig.SLOT, config, data);
    try (Graph graph = new Graph()) {
      GraphContext ctx = new GraphContext(graph, 1, precision.graph());
      model.network().build(ctx.params());
      Ops tf = ctx.tf();
      CallScope cs = ctx.call("train", true);
      Map<Operand<?>, Tensor> feeds = new HashMap<>();
      Random rng = new Random(0);
      Losses.Terms terms;
      if (ref.images()) {
        Placeholder<TFloat32> images =
            tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 28, 28, 1)));
        Placeholder<TInt32> labels = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        float[] pixels = new float[ref.batch() * 28 * 28];
        for (int i = 0; i < pixels.length; i++) {
          pixels[i] = (float) rng.nextGaussian();
        }
        int[] y = rng.ints(ref.batch(), 0, 10).toArray();
        feeds.put(
            images, TFloat32.tensorOf(Shape.of(ref.batch(), 28, 28, 1), DataBuffers.of(pixels)));
        feeds.put(labels, TInt32.vectorOf(y));
        terms =
            Losses.crossEntropy(
                cs.tf(), ((ClassifierModel) model).logits(cs, images), labels, null, 10, 0.1);
      } else {
        Placeholder<TInt32> src =
            tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, ref.sourceLength())));
        Placeholder<TInt32> tin =
            tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, ref.targetLength())));
        Placeholder<TInt32> tout =
            tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, ref.targetLength())));
        feeds.put(src, tokens(rng, ref.batch(), ref.sourceLength(), ref.vocabulary()));
        int[] target =
            rng.ints((long) ref.batch() * (ref.targetLength() + 1), 4, ref.vocabulary()).toArray();
        int[] in = new int[ref.batch() * ref.targetLength()];
        int[] out = new int[in.length];
        for (int b = 0; b < ref.batch(); b++) {
          System.arraycopy(
              target, b * (ref.targetLength() + 1), in, b * ref.targetLength(), ref.targetLength());
          System.arraycopy(
              target,
              b * (ref.targetLength() + 1) + 1,
              out,
              b * ref.targetLength(),
              ref.targetLength());
        }
        feeds.put(
            tin, TInt32.tensorOf(Shape.of(ref.batch(), ref.targetLength()), DataBuffers.of(in)));
        feeds.put(
            tout, TInt32.tensorOf(Shape.of(ref.batch(), ref.targetLength()), DataBuffers.of(out)));
        terms =
            Losses.crossEntropy(
                cs.tf(),
                ((Seq2SeqModel) model).logits(cs, src, tin),
                tout,
                Masks.notPad(cs.tf(), tout, 0),
                ref.vocabulary(),
                0.1);
      }
      Operand<TFloat32> loss = terms.mean(cs.tf());
      Optimizer optimizer =
          new Optimizer(ctx, ctx.parameters(), new Adam(0.9, 0.999, 1e-8, 0), 1.0, false);
      Optimizer.Update update = optimizer.minimize(loss);
      Operand<TInt64> counted = TrainingFlops.of(tf.withSubScope("flops"), loss);
      long countedFlops = 0;
      try (Session session = new Session(graph, precision.session(threads))) {
        session.initialize();
        double rssWarm = 0;
        long start = 0;
        for (int i = 1; i <= warmup + steps; i++) {
          if (i == warmup + 1) {
            rssWarm = rss("VmRSS");
            start = System.nanoTime();
          }
          try (Optimizer.StepInputs inputs = optimizer.stepInputs(i, 1e-4);
              TInt64 seed = TInt64.vectorOf(ctx.stepSeedValue(i))) {
            Session.Runner runner = session.runner();
            feeds.forEach(runner::feed);
            inputs.feed(runner).feed(ctx.stepSeed(), seed);
            runner.addTarget(update.op()).fetch(loss).fetch(counted);
            boolean traced = trace && i == warmup;
            if (traced) {
              runner.setOptions(
                  RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build());
            }
            try (org.tensorflow.Result r = traced ? runner.runAndFetchMetadata() : runner.run()) {
              countedFlops = ((TInt64) r.get(1)).getLong();
              if (traced) {
                profile(ref.name(), precision, r.getMetadata().orElseThrow(), log);
              }
            }
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        feeds.values().forEach(Tensor::close);
        return new Result(
            ref.name(),
            ref.unit(),
            ref.work() * steps / seconds,
            1000 * seconds / steps,
            model.network().parameterCount(),
            precision.label(),
            ref.flopsPerStep() / 1e9,
            countedFlops / 1e9,
            rss("VmHWM"),
            rssWarm,
            rss("VmRSS"));
      }
    }
  }

  private static TInt32 tokens(Random rng, int rows, int cols, int vocabulary) {
    return TInt32.tensorOf(
        Shape.of(rows, cols),
        DataBuffers.of(rng.ints((long) rows * cols, 4, vocabulary).toArray()));
  }

  /** Total time per op type in one traced step, largest first. */
  private static void profile(
      String model, BenchPrecision precision, RunMetadata metadata, PrintStream log) {
    String name = model + " " + precision.label();
    Map<String, long[]> byType = new HashMap<>();
    long total = 0;
    StepStats stats = metadata.getStepStats();
    for (var device : stats.getDevStatsList()) {
      for (NodeExecStats node : device.getNodeStatsList()) {
        String type =
            node.getTimelineLabel().contains(" = ")
                ? node.getTimelineLabel().split(" = ")[1].split("\\(")[0]
                : node.getNodeName();
        long micros = node.getOpEndRelMicros() - node.getOpStartRelMicros();
        long[] acc = byType.computeIfAbsent(type, k -> new long[2]);
        acc[0] += micros;
        acc[1]++;
        total += micros;
      }
    }
    List<Map.Entry<String, long[]>> sorted = new ArrayList<>(byType.entrySet());
    sorted.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
    log.printf(
        Locale.ROOT,
        "%s: one traced step, %d ops, %.1f ms of op time (summed over threads)%n",
        name,
        sorted.stream().mapToLong(e -> e.getValue()[1]).sum(),
        total / 1000.0);
    long fusedMatmuls = countBoth(byType, "MatMul", "Fused");
    log.printf(
        Locale.ROOT,
        "  graph as run: %d matmul ops (%d of them fused with bias or activation), %d other fused ops,"
            + " %d casts%n",
        count(byType, "MatMul"),
        fusedMatmuls,
        count(byType, "Fused") - fusedMatmuls,
        count(byType, "Cast"));
    boolean onednn = byType.keySet().stream().anyMatch(t -> t.startsWith("_Mkl"));
    log.printf("  oneDNN kernels in this step: %s%n", onednn ? "yes" : "no");
    if (precision == BenchPrecision.BFLOAT16_REWRITE && !OneDnn.enabled()) {
      log.printf(
          "  the auto-mixed-precision rewrite is off: it is one of TensorFlow's oneDNN passes"
              + " (TF_ENABLE_ONEDNN_OPTS=1, which ./ablate sets)%n");
    }
    for (int i = 0; i < Math.min(18, sorted.size()); i++) {
      long[] v = sorted.get(i).getValue();
      log.printf(
          Locale.ROOT,
          "  %-32s %8.1f ms %5.1f%%  %5d ops%n",
          sorted.get(i).getKey(),
          v[0] / 1000.0,
          100.0 * v[0] / total,
          v[1]);
    }
  }

  /** Ops of the traced step whose type contains {@code part}. */
  private static long count(Map<String, long[]> byType, String part) {
    return countBoth(byType, part, "");
  }

  private static long countBoth(Map<String, long[]> byType, String a, String b) {
    return byType.entrySet().stream()
        .filter(e -> e.getKey().contains(a) && e.getKey().contains(b))
        .mapToLong(e -> e.getValue()[1])
        .sum();
  }

  /** A line of /proc/self/status in MB (0 where unavailable). */
  static double rss(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}
