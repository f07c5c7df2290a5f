package org.ablate.training.config;

import org.ablate.core.registry.SlotDef;
import org.ablate.training.tasks.Task;
import org.ablate.training.tasks.TaskContext;

/**
 * The {@code data:} section; {@code type:} selects a registered task and its dataset, whose factory
 * makes the {@link Task}.
 */
public interface DataConfig {
  /** The {@code data} slot. */
  SlotDef<DataConfig, TaskContext, Task> SLOT =
      SlotDef.of("data", DataConfig.class, "task and dataset (data.type)");
}
