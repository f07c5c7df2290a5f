package org.ablate.experiments.run;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.ablate.core.config.ConfigException;
import org.ablate.core.graph.Param;
import org.ablate.core.graph.ParamScope;
import org.ablate.core.registry.Registry;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.models.DataSpec;
import org.ablate.models.Model;
import org.ablate.models.config.ModelConfig;
import org.ablate.training.config.TrainingConfig;

/**
 * Refuses, before any graph is built, a model that cannot fit the machine: its exact parameter
 * count (from a build that only counts, {@link ParamScope#counting}) gives the bytes of weights,
 * gradients and optimizer state, and a rough estimate adds the activations of one batch (every
 * weight matrix's output width, saved for the backward pass, at every position of the batch).
 * {@code training.check_memory: false} skips the check.
 */
final class SizeCheck {
  /** Bytes per weight: the weight, its gradient, two optimizer slots and one temporary copy. */
  private static final long BYTES_PER_WEIGHT = 4L * 5;

  private SizeCheck() {}

  static void check(ExperimentConfig config, Registry registry, DataSpec data) {
    if (!config.training().checkMemory()) {
      return;
    }
    Model probe = registry.make(ModelConfig.SLOT, config.model(), data);
    probe.network().build(ParamScope.counting());
    long params = probe.network().parameterCount();
    long widths = 0;
    for (Param p : probe.network().allParams()) {
      if (p.shape().length >= 2) {
        widths = saturatingAdd(widths, p.shape()[p.shape().length - 1]);
      }
    }
    TrainingConfig t = config.training();
    long weights = saturatingMultiply(params, BYTES_PER_WEIGHT + (t.emaDecay() > 0 ? 4 : 0));
    long activations = saturatingMultiply(saturatingMultiply(positions(t, data), widths), 4L * 3);
    long needed = saturatingAdd(weights, activations);
    long available = machineMemory();
    if (needed > available) {
      throw new ConfigException(
          String.format(
              Locale.ROOT,
              "the model of %s is too large for this machine: %,d parameters, whose weights,"
                  + " gradients and optimizer state need about %s, and a batch of"
                  + " training.batch_size=%d about %s more for activations (a rough estimate),"
                  + " against %s of memory here. Make the model smaller (model.d_model, d_ff,"
                  + " layers, the vocabulary) or the batch, or set training.check_memory: false"
                  + " to try anyway.",
              config.name(),
              params,
              bytes(weights),
              t.batchSize(),
              bytes(activations),
              bytes(available)));
    }
  }

  /** Positions of one training batch: tokens, or examples times their longest sequence. */
  private static long positions(TrainingConfig t, DataSpec data) {
    if (t.batchUnit() == TrainingConfig.BatchUnit.TOKENS) {
      return t.batchSize();
    }
    long perExample = Math.max(1, Math.max(data.maxLength(), data.imageHeight()));
    return saturatingMultiply(t.batchSize(), perExample);
  }

  /** The machine's physical memory (the JVM's maximum heap if that cannot be read). */
  static long machineMemory() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return Runtime.getRuntime().maxMemory();
  }

  private static String bytes(long b) {
    if (b == Long.MAX_VALUE) {
      return "more than 9 EB";
    }
    return b >= 1L << 30
        ? String.format(Locale.ROOT, "%.1f GB", b / (double) (1L << 30))
        : String.format(Locale.ROOT, "%.0f MB", b / (double) (1L << 20));
  }

  private static long saturatingAdd(long a, long b) {
    return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
  }

  private static long saturatingMultiply(long a, long b) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
