package org.ablate.core.graph;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * What this machine offers for bfloat16 arithmetic: the CPU's feature flags (from {@code
 * /proc/cpuinfo}) and the compute capabilities of its NVIDIA GPUs (from {@code nvidia-smi}, when
 * there is one). Tests build it from chosen flags to stand in for a CPU they do not run on.
 *
 * <pre>{@code
 * Hardware hw = Hardware.thisMachine();
 * if (hw.hasBfloat16()) { ... }   // AVX512_BF16 or AMX on the CPU, or a GPU of compute capability >= 8.0
 * }</pre>
 */
public record Hardware(Set<String> cpuFlags, List<Double> gpuComputeCapabilities) {
  /** The flags that matter for matmul speed, in the order {@link #describe()} prints them. */
  private static final List<String[]> REPORTED =
      List.of(
          new String[] {"avx2", "AVX2"},
          new String[] {"avx512f", "AVX-512"},
          new String[] {"avx512_bf16", "AVX512_BF16"},
          new String[] {"amx_bf16", "AMX"});

  private static Hardware machine;

  public Hardware {
    cpuFlags = Set.copyOf(cpuFlags);
    gpuComputeCapabilities = List.copyOf(gpuComputeCapabilities);
  }

  /** This machine, read once per process. */
  public static synchronized Hardware thisMachine() {
    if (machine == null) {
      machine = new Hardware(cpuFlags(Path.of("/proc/cpuinfo")), gpuCapabilities());
    }
    return machine;
  }

  /** True when the CPU has bfloat16 matmul instructions (AVX512_BF16 or AMX). */
  public boolean cpuHasBfloat16() {
    return cpuFlags.contains("avx512_bf16") || cpuFlags.contains("amx_bf16");
  }

  /** True when a GPU has bfloat16 tensor cores (compute capability 8.0, Ampere, or later). */
  public boolean gpuHasBfloat16() {
    return gpuComputeCapabilities.stream().anyMatch(c -> c >= 8.0);
  }

  public boolean hasBfloat16() {
    return cpuHasBfloat16() || gpuHasBfloat16();
  }

  /** For example {@code "AVX2 yes, AVX-512 no, AVX512_BF16 no, AMX no"}, plus the GPUs if any. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    for (String[] flag : REPORTED) {
      parts.add(flag[1] + (cpuFlags.contains(flag[0]) ? " yes" : " no"));
    }
    String cpu = String.join(", ", parts);
    return gpuComputeCapabilities.isEmpty()
        ? cpu
        : cpu + "; GPU compute capability " + gpuComputeCapabilities;
  }

  /** The flags of the first processor in a {@code /proc/cpuinfo} file (empty if unreadable). */
  static Set<String> cpuFlags(Path cpuinfo) {
    try {
      for (String line : Files.readAllLines(cpuinfo)) {
        if (line.startsWith("flags")) {
          return new TreeSet<>(List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+")));
        }
      }
    } catch (IOException e) {
      return Set.of();
    }
    return Set.of();
  }

  /**
   * The compute capability of each GPU {@code nvidia-smi} lists; none when it is absent, fails, or
   * does not answer within 10 seconds (it is then stopped).
   */
  private static List<Double> gpuCapabilities() {
    List<Double> out = new ArrayList<>();
    try {
      Process p =
          new ProcessBuilder("nvidia-smi", "--query-gpu=compute_cap", "--format=csv,noheader")
              .redirectErrorStream(true)
              .start();
      p.getOutputStream().close();
      String text;
      try (InputStream in = p.getInputStream()) {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return out;
        }
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (p.exitValue() != 0) {
        return out;
      }
      for (String line : text.split("\n")) {
        try {
          out.add(Double.parseDouble(line.trim()));
        } catch (NumberFormatException e) {
          // a line that is not a capability (an older nvidia-smi without the field)
        }
      }
    } catch (IOException e) {
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }
}
