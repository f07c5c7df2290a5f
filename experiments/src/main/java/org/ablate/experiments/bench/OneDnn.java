package org.ablate.experiments.bench;

import java.util.List;
import java.util.Locale;
import org.ablate.core.graph.Hardware;

/**
 * Whether TensorFlow runs its oneDNN graph passes, which its bfloat16 auto-mixed-precision rewrite
 * is part of: {@code TF_ENABLE_ONEDNN_OPTS} when set (the {@code ./ablate} launcher sets 1), else
 * TensorFlow's default, on for x86 CPUs with neural-network instructions (AVX512_VNNI, AVX512_BF16,
 * AVX_VNNI or AMX) and off for others.
 */
final class OneDnn {
  private static final List<String> DEFAULT_ON =
      List.of("avx512_vnni", "avx512_bf16", "avx_vnni", "amx_tile", "amx_bf16", "amx_int8");

  private OneDnn() {}

  static boolean enabled(String variable, Hardware hardware) {
    if (variable != null && !variable.isBlank()) {
      String v = variable.trim().toLowerCase(Locale.ROOT);
      return v.equals("1") || v.equals("true");
    }
    return DEFAULT_ON.stream().anyMatch(hardware.cpuFlags()::contains);
  }

  static boolean enabled() {
    return enabled(System.getenv("TF_ENABLE_ONEDNN_OPTS"), Hardware.thisMachine());
  }
}
