package org.ablate.training.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the JSON files of a run (results, manifests, tokenizers, provenance) with errors a user can
 * act on: "it is not valid JSON (line 3, column 7)" rather than the parser's own words.
 *
 * <pre>{@code
 * try {
 *   Map<String, Object> results = JsonFiles.readObject(run.resolve("results.json"));
 * } catch (IOException e) {
 *   throw new AblateException(file + " cannot be read: " + JsonFiles.reason(e) + ".", e);
 * }
 * }</pre>
 */
public final class JsonFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonFiles() {}

  /** JSON lines: one compact JSON object per line, each line ending in a newline. */
  public static String lines(java.util.List<Map<String, Object>> objects) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (Map<String, Object> object : objects) {
      sb.append(JSON.writeValueAsString(object)).append('\n');
    }
    return sb.toString();
  }

  /**
   * The JSON object in {@code file}; an {@link IOException} if it is absent, invalid or not one.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> readObject(Path file) throws IOException {
    return object(Files.readAllBytes(file));
  }

  /** The JSON object in {@code text} (one line of a JSON-lines file, say). */
  public static Map<String, Object> readObject(String text) throws IOException {
    return object(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(byte[] bytes) throws IOException {
    if (bytes.length == 0) {
      throw new IOException("it is empty");
    }
    Object value = JSON.readValue(bytes, Object.class);
    if (!(value instanceof Map<?, ?> map)) {
      throw new IOException("it does not hold a JSON object");
    }
    return new LinkedHashMap<>((Map<String, Object>) map);
  }

  /** Why reading failed, in words for a message: no parser class names, no source dumps. */
  public static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "it does not exist";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof JsonProcessingException j) {
      JsonLocation at = j.getLocation();
      return "it is not valid JSON"
          + (at == null || at.getLineNr() < 1
              ? ""
              : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
          + "; it may have been cut short or edited";
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  /** A number at {@code key} of {@code map}, or an {@link IOException} naming the key. */
  public static Number number(Map<String, Object> map, String key) throws IOException {
    Object v = map.get(key);
    if (!(v instanceof Number n)) {
      throw new IOException("its '" + key + "' is " + (v == null ? "missing" : "not a number"));
    }
    return n;
  }
}
