package org.ablate.training.tasks;

import org.ablate.training.config.DataConfig;

/** Creates the task of a data config; bound by data type name in the {@code data} slot. */
@FunctionalInterface
public interface TaskFactory {
  Task create(DataConfig config, TaskContext context);
}
