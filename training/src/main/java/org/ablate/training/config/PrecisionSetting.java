package org.ablate.training.config;

import java.util.function.Supplier;
import org.ablate.core.graph.Hardware;
import org.ablate.core.graph.Precision;

/**
 * {@code training.precision}: float32, bfloat16, or auto, which takes bfloat16 only where the
 * hardware computes it (AVX512_BF16 or AMX on the CPU, or a GPU of compute capability 8.0 or later)
 * and float32 elsewhere, where TensorFlow emulates bfloat16 and steps are slower.
 *
 * <pre>{@code
 * PrecisionSetting.Resolved r = PrecisionSetting.AUTO.resolve(Hardware::thisMachine);
 * r.precision();   // FLOAT32 on an AVX2-only CPU
 * r.note();        // the line that says why, or null when there is nothing to say
 * }</pre>
 */
public enum PrecisionSetting {
  FLOAT32,
  BFLOAT16,
  AUTO;

  /** The precision a run uses, and a line for the console (null when there is nothing to say). */
  public record Resolved(Precision precision, String note) {}

  /**
   * The precision on the machine {@code machine} describes; float32 never asks it, so a float32 run
   * does not look for CPU flags or GPUs.
   */
  public Resolved resolve(Supplier<Hardware> machine) {
    return switch (this) {
      case FLOAT32 -> new Resolved(Precision.FLOAT32, null);
      case BFLOAT16 -> explicitBfloat16(machine.get());
      case AUTO -> auto(machine.get());
    };
  }

  private static Resolved explicitBfloat16(Hardware hardware) {
    return new Resolved(
        Precision.BFLOAT16,
        hardware.hasBfloat16()
            ? null
            : "warning: training.precision is bfloat16, but this machine has no bfloat16"
                + " hardware ("
                + hardware.describe()
                + "): TensorFlow emulates bfloat16 here, which is usually slower than float32"
                + " (docs/benchmarks.md); use precision float32 or auto.");
  }

  private static Resolved auto(Hardware hardware) {
    return hardware.hasBfloat16()
        ? new Resolved(
            Precision.BFLOAT16,
            "precision: auto -> bfloat16, as this machine computes it in hardware ("
                + hardware.describe()
                + ").")
        : new Resolved(
            Precision.FLOAT32,
            "precision: auto -> float32, as this machine has no bfloat16 hardware ("
                + hardware.describe()
                + "; bfloat16 needs AVX512_BF16 or AMX, or a GPU of compute capability 8.0).");
  }
}
