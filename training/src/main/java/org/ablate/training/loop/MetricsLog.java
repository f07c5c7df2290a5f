package org.ablate.training.loop;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ablate.core.AblateException;
import org.ablate.training.io.AtomicFiles;

/**
 * {@code metrics.jsonl}: one JSON object per log or evaluation, {@code {"step": 500, "split":
 * "dev", "dev_loss": ...}}. On resume, lines after the restored step are dropped so the log never
 * holds the same step twice.
 */
public final class MetricsLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;

  public MetricsLog(Path file) {
    this.file = file;
  }

  public void append(long step, String kind, Map<String, ?> values) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("step", step);
    line.put("kind", kind);
    line.putAll(values);
    try {
      AtomicFiles.appendLine(file, JSON.writeValueAsString(line));
    } catch (IOException e) {
      throw new AblateException("cannot append to " + file + ": " + e.getMessage(), e);
    }
  }

  /** Removes entries after {@code step} (atomically); a missing file is fine. */
  public void truncateAfter(long step) {
    if (!Files.exists(file)) {
      return;
    }
    try {
      List<String> kept = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        try {
          if (JSON.readTree(line).path("step").asLong() <= step) {
            kept.add(line);
          }
        } catch (IOException e) {
          // a torn last line from a killed run: drop it
        }
      }
      AtomicFiles.writeString(file, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
    } catch (IOException e) {
      throw new AblateException("cannot rewrite " + file + ": " + e.getMessage(), e);
    }
  }

  /** Every entry, in order (for reports). */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> read(Path file) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          try {
            out.add(JSON.readValue(line, Map.class));
          } catch (IOException e) {
            // skip a torn line
          }
        }
      }
    } catch (IOException e) {
      throw new AblateException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return out;
  }
}
