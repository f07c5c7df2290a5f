package org.ablate.core.config;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a bound config back as a tree of mappings, lists and scalars (every default included), for
 * the resolved {@code config.yaml} of a run. A section records its registered {@code type} first; a
 * component choice without options is its bare name.
 *
 * <pre>{@code
 * Map<String, Object> tree = new ConfigWriter(schema).toTree(experimentConfig);
 * }</pre>
 */
public final class ConfigWriter {
  private final ConfigSchema schema;

  public ConfigWriter(ConfigSchema schema) {
    this.schema = schema;
  }

  /** The tree of a record. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> toTree(Record config) {
    return (Map<String, Object>) write(config, config.getClass());
  }

  private Object write(Object value, Type declared) {
    if (value == null
        || value instanceof String
        || value instanceof Number
        || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Enum<?> e) {
      return e.name().toLowerCase(Locale.ROOT);
    }
    if (value instanceof List<?> l) {
      return new ArrayList<>(l.stream().map(x -> write(x, Object.class)).toList());
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), write(v, Object.class)));
      return out;
    }
    if (value instanceof Choice choice) {
      Map<String, Object> options = record(choice.config());
      if (options.isEmpty()) {
        return choice.name();
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("type", choice.name());
      out.putAll(options);
      return out;
    }
    if (value instanceof Record r) {
      Map<String, Object> out = new LinkedHashMap<>();
      schema
          .sectionSlot(declared)
          .ifPresent(slot -> out.put("type", schema.types().nameOf(slot, r.getClass())));
      out.putAll(record(r));
      return out;
    }
    throw new IllegalStateException("not a config value: " + value.getClass());
  }

  /** A record's keys in the schema's order, inline records flattened. */
  private Map<String, Object> record(Record value) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (ConfigSchema.Key k : schema.keys(value.getClass())) {
      Object owner = value;
      for (RecordComponent inline : k.via()) {
        owner = read(inline, owner);
      }
      out.put(k.name(), write(read(k.component(), owner), k.type()));
    }
    return out;
  }

  private static Object read(RecordComponent c, Object record) {
    try {
      java.lang.reflect.Method accessor = c.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
