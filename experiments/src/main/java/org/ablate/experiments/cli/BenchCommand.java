package org.ablate.experiments.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.List;
import org.ablate.experiments.bench.Bench;
import org.ablate.experiments.bench.BenchPrecision;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code ablate bench}: training throughput of the reference configurations, as JSON lines. */
final class BenchCommand implements Command {
  record Args(
      List<String> models,
      int steps,
      int warmup,
      int threads,
      BenchPrecision precision,
      boolean trace,
      boolean matmul) {}

  @Override
  public String name() {
    return "bench";
  }

  @Override
  public String synopsis() {
    return "[--models transformer,gru_attn,vit] [--steps N] [--warmup N] [--threads N] [--precision float32|bfloat16|bfloat16_rewrite] [--trace] [--matmul]";
  }

  @Override
  public String summary() {
    return "measure training throughput of the reference models (the PyTorch peer's configurations)";
  }

  @Override
  public Options options() {
    return CommonOptions.with(
        Option.builder()
            .longOpt("models")
            .hasArg()
            .argName("LIST")
            .desc("comma-separated: transformer, gru_attn, vit (default all)")
            .build(),
        Option.builder()
            .longOpt("steps")
            .hasArg()
            .argName("N")
            .desc("timed steps (default 30)")
            .build(),
        Option.builder()
            .longOpt("warmup")
            .hasArg()
            .argName("N")
            .desc("untimed steps first (default 5)")
            .build(),
        Option.builder()
            .longOpt("threads")
            .hasArg()
            .argName("N")
            .desc("TensorFlow intra/inter-op threads (default: TensorFlow's)")
            .build(),
        Option.builder()
            .longOpt("precision")
            .hasArg()
            .argName("P")
            .desc(
                "float32 (default); bfloat16 (Ablate's casts around each matmul, as training uses);"
                    + " or bfloat16_rewrite (a float32 graph that TensorFlow's oneDNN"
                    + " auto-mixed-precision rewrite converts)")
            .build(),
        Option.builder()
            .longOpt("trace")
            .desc(
                "also print where the time of one step goes, per op type, with the step's matmul,"
                    + " fused and cast op counts")
            .build(),
        Option.builder()
            .longOpt("matmul")
            .desc(
                "also measure this machine's 2048x2048 matmul GFLOP/s through TensorFlow in each"
                    + " precision, and each model's share of it")
            .build());
  }

  @Override
  public int execute(CommandLine line, PrintStream out, PrintStream err) {
    List<String> models =
        List.of(line.getOptionValue("models", "transformer,gru_attn,vit").split(","));
    for (String m : models) {
      if (!List.of("transformer", "gru_attn", "vit").contains(m)) {
        throw new UsageException(
            "unknown model '" + m + "' in --models; choose among transformer, gru_attn, vit");
      }
    }
    String p = line.getOptionValue("precision", "float32");
    BenchPrecision precision = BenchPrecision.parse(p);
    if (precision == null) {
      throw new UsageException(
          "--precision must be float32, bfloat16 or bfloat16_rewrite, got '" + p + "'");
    }
    Args args =
        new Args(
            models,
            CommonOptions.intValue(line, "steps", 30),
            CommonOptions.intValue(line, "warmup", 5),
            CommonOptions.intValue(line, "threads", 0),
            precision,
            line.hasOption("trace"),
            line.hasOption("matmul"));
    if (args.steps() < 1 || args.warmup() < 1) {
      throw new UsageException("--steps and --warmup must be at least 1");
    }
    ObjectMapper json = new ObjectMapper();
    Bench.run(
            args.models(),
            args.steps(),
            args.warmup(),
            args.threads(),
            args.precision(),
            args.trace(),
            args.matmul(),
            err)
        .forEach(
            m -> {
              try {
                out.println(json.writeValueAsString(m));
              } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
              }
            });
    return 0;
  }
}
