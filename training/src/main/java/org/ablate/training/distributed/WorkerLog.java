package org.ablate.training.distributed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ablate.core.AblateException;
import org.ablate.training.io.AtomicFiles;
import org.ablate.training.tasks.Batch;
import org.tensorflow.Tensor;

/**
 * {@code workers/worker-<i>.jsonl}: per step, the micro-step a worker trained on and a hash of its
 * batch, so anyone can check that workers saw different data.
 */
public final class WorkerLog {
  private final Path file;

  public WorkerLog(Path file) {
    this.file = file;
  }

  public void record(long step, long microStep, Batch batch) {
    long hash = 1125899906842597L;
    for (Tensor t : batch.feeds().values()) {
      var data = t.asRawTensor().data();
      for (long i = 0; i < data.size(); i++) {
        hash = 31 * hash + data.getByte(i);
      }
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("step", step);
    line.put("micro_step", microStep);
    line.put("batch_hash", Long.toHexString(hash));
    line.put("units", batch.units());
    try {
      AtomicFiles.appendLine(
          file, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(line));
    } catch (IOException e) {
      throw new AblateException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
