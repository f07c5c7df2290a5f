package org.ablate.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardwareTest {
  @Test
  void readsTheFlagsOfACpuinfoFile(@TempDir Path dir) throws Exception {
    Path cpuinfo = dir.resolve("cpuinfo");
    Files.writeString(
        cpuinfo,
        "processor\t: 0\nmodel name\t: Intel Xeon\nflags\t\t: fpu sse2 avx2 avx512f avx512_bf16"
            + " amx_bf16 amx_tile\n\nprocessor\t: 1\nflags\t\t: fpu\n");
    Set<String> flags = Hardware.cpuFlags(cpuinfo);
    assertTrue(
        flags.containsAll(List.of("avx2", "avx512f", "avx512_bf16", "amx_bf16")), "" + flags);
    assertFalse(flags.contains("flags"));
    assertEquals(Set.of(), Hardware.cpuFlags(dir.resolve("absent")));
  }

  @Test
  void bfloat16HardwareIsAvx512Bf16OrAmxOrAnAmpereGpu() {
    assertFalse(new Hardware(Set.of("avx2", "fma", "avx512f"), List.of()).hasBfloat16());
    assertTrue(new Hardware(Set.of("avx2", "avx512_bf16"), List.of()).hasBfloat16());
    assertTrue(new Hardware(Set.of("amx_bf16"), List.of()).cpuHasBfloat16());
    assertFalse(new Hardware(Set.of("avx2"), List.of(7.5)).hasBfloat16());
    assertTrue(new Hardware(Set.of("avx2"), List.of(7.5, 8.6)).gpuHasBfloat16());
  }

  @Test
  void describesTheFlagsThatMatterForMatmuls() {
    assertEquals(
        "AVX2 yes, AVX-512 no, AVX512_BF16 no, AMX no",
        new Hardware(Set.of("avx2", "fma"), List.of()).describe());
    assertEquals(
        "AVX2 yes, AVX-512 yes, AVX512_BF16 yes, AMX yes; GPU compute capability [8.0]",
        new Hardware(Set.of("avx2", "avx512f", "avx512_bf16", "amx_bf16"), List.of(8.0))
            .describe());
  }

  @Test
  void thisMachineIsReadOnceAndDescribed() {
    assertTrue(Hardware.thisMachine() == Hardware.thisMachine());
    assertTrue(Hardware.thisMachine().describe().startsWith("AVX2 "));
  }
}
