package org.ablate.training.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.ablate.core.graph.Hardware;
import org.ablate.core.graph.Precision;
import org.junit.jupiter.api.Test;

/** {@code precision: auto} on both kinds of CPU, with chosen flags standing in for the CPU. */
class PrecisionSettingTest {
  private static final Hardware AVX2 = new Hardware(Set.of("avx2", "fma"), List.of());
  private static final Hardware AMX =
      new Hardware(Set.of("avx2", "avx512f", "avx512_bf16", "amx_bf16"), List.of());
  private static final Hardware AMPERE = new Hardware(Set.of("avx2"), List.of(8.0));

  @Test
  void autoTakesBfloat16WhereTheHardwareComputesIt() {
    PrecisionSetting.Resolved amx = PrecisionSetting.AUTO.resolve(() -> AMX);
    assertEquals(Precision.BFLOAT16, amx.precision());
    assertTrue(amx.note().startsWith("precision: auto -> bfloat16"), amx.note());
    assertTrue(amx.note().contains("AMX yes"), amx.note());
    assertEquals(Precision.BFLOAT16, PrecisionSetting.AUTO.resolve(() -> AMPERE).precision());
  }

  @Test
  void autoFallsBackToFloat32WithOneLineSayingWhy() {
    PrecisionSetting.Resolved avx2 = PrecisionSetting.AUTO.resolve(() -> AVX2);
    assertEquals(Precision.FLOAT32, avx2.precision());
    assertTrue(avx2.note().startsWith("precision: auto -> float32"), avx2.note());
    assertTrue(avx2.note().contains("no bfloat16 hardware"), avx2.note());
    assertTrue(!avx2.note().contains("\n"));
  }

  @Test
  void explicitBfloat16IsKeptButWarnedAboutWhereItIsEmulated() {
    PrecisionSetting.Resolved avx2 = PrecisionSetting.BFLOAT16.resolve(() -> AVX2);
    assertEquals(Precision.BFLOAT16, avx2.precision());
    assertTrue(avx2.note().startsWith("warning:"), avx2.note());
    assertTrue(avx2.note().contains("slower than float32"), avx2.note());
    assertNull(PrecisionSetting.BFLOAT16.resolve(() -> AMX).note());
  }

  @Test
  void float32IsFloat32Everywhere() {
    assertEquals(Precision.FLOAT32, PrecisionSetting.FLOAT32.resolve(() -> AMX).precision());
    assertNull(PrecisionSetting.FLOAT32.resolve(() -> AVX2).note());
  }
}
