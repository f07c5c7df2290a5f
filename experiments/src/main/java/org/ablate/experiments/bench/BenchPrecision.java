package org.ablate.experiments.bench;

import java.util.Locale;
import org.ablate.core.graph.Precision;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * How a benchmark step computes: float32; bfloat16 with the casts Ablate places around each matmul
 * (what {@code training.precision: bfloat16} trains with); or a float32 graph that TensorFlow's
 * oneDNN auto-mixed-precision rewrite ({@code auto_mixed_precision_onednn_bfloat16}) turns into
 * bfloat16 where its lists allow.
 */
public enum BenchPrecision {
  FLOAT32(Precision.FLOAT32, false),
  BFLOAT16(Precision.BFLOAT16, false),
  BFLOAT16_REWRITE(Precision.FLOAT32, true);

  private final Precision graph;
  private final boolean rewrite;

  BenchPrecision(Precision graph, boolean rewrite) {
    this.graph = graph;
    this.rewrite = rewrite;
  }

  /** The precision the graph is built in. */
  public Precision graph() {
    return graph;
  }

  /** The precision whose matmul probe this one is compared with. */
  public Precision arithmetic() {
    return this == FLOAT32 ? Precision.FLOAT32 : Precision.BFLOAT16;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The session options: threads, and the rewrite when it is this precision's. */
  public ConfigProto session(int threads) {
    ConfigProto.Builder proto = withThreads(threads);
    if (rewrite) {
      proto.setGraphOptions(
          GraphOptions.newBuilder()
              .setRewriteOptions(
                  RewriterConfig.newBuilder()
                      .setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON)));
    }
    return proto.build();
  }

  /** Session options with {@code threads} intra- and inter-op threads (0: TensorFlow's default). */
  static ConfigProto.Builder withThreads(int threads) {
    ConfigProto.Builder proto = ConfigProto.newBuilder();
    if (threads > 0) {
      proto.setIntraOpParallelismThreads(threads).setInterOpParallelismThreads(threads);
    }
    return proto;
  }

  /** From a command-line value; null when there is no such precision. */
  public static BenchPrecision parse(String value) {
    for (BenchPrecision p : values()) {
      if (p.label().equals(value)) {
        return p;
      }
    }
    return null;
  }
}
