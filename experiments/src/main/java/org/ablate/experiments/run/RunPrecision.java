package org.ablate.experiments.run;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.ablate.core.graph.Hardware;
import org.ablate.experiments.config.ConfigLoader;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.training.config.PrecisionSetting;

/**
 * Settles {@code training.precision: auto} when a run starts, so that the run's {@code config.yaml}
 * names the precision it trained in and every later command on the run (resume, eval, translate,
 * export) uses the same one on any machine. A resumed run keeps the precision it began with.
 */
final class RunPrecision {
  private RunPrecision() {}

  /**
   * {@code config} with a concrete precision; prints why auto chose it, or warns when bfloat16 was
   * asked for on a machine that only emulates it.
   */
  static ExperimentConfig settle(
      ExperimentConfig config,
      ConfigLoader loader,
      Path dir,
      boolean resume,
      Supplier<Hardware> hardware,
      PrintStream console) {
    PrecisionSetting setting = config.training().precision();
    Path saved = dir.resolve(ExperimentRunner.CONFIG);
    if (setting == PrecisionSetting.AUTO && resume && Files.isRegularFile(saved)) {
      PrecisionSetting began = loader.load(List.of(saved), List.of()).training().precision();
      if (began != PrecisionSetting.AUTO) {
        console.println("precision: auto -> " + name(began) + ", as the run began");
        return loader.with(config, "training.precision=" + name(began));
      }
    }
    PrecisionSetting.Resolved resolved = setting.resolve(hardware);
    if (resolved.note() != null) {
      console.println(resolved.note());
    }
    if (setting != PrecisionSetting.AUTO) {
      return config;
    }
    return loader.with(
        config, "training.precision=" + resolved.precision().name().toLowerCase(Locale.ROOT));
  }

  private static String name(PrecisionSetting setting) {
    return setting.name().toLowerCase(Locale.ROOT);
  }
}
