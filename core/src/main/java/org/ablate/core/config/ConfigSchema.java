package org.ablate.core.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How config records look as YAML: each record's keys (snake_case component names, with {@link
 * Inline} records flattened and their defaults overridden), the sections whose {@code type:}
 * selects a registered record, the components a {@link Slot} key can choose, and a short text per
 * type. The binder, the tree writer and the generated reference and JSON Schema all read it, so
 * built-in and plugin records are described alike.
 *
 * <pre>{@code
 * ConfigSchema schema = new ConfigSchema(registry);
 * schema.keys(TransformerConfig.class); // d_model, heads, ... with the Transformer's defaults
 * }</pre>
 */
public final class ConfigSchema {
  private final ConfigTypes types;

  /**
   * One YAML key of a record.
   *
   * @param name the key (snake_case)
   * @param component the record component it binds (perhaps of an inline record)
   * @param via the inline components leading from the record to {@code component}'s record
   * @param defaultValue the parsed default (null when the default is null or there is none)
   * @param defaultText the default as written, or null when the key is required
   */
  public record Key(
      String name,
      RecordComponent component,
      List<RecordComponent> via,
      Object defaultValue,
      String defaultText) {
    public Type type() {
      return component.getGenericType();
    }

    public boolean required() {
      return defaultText == null;
    }

    public String doc() {
      Doc d = component.getAnnotation(Doc.class);
      return d == null ? "" : d.value();
    }

    public Range range() {
      return component.getAnnotation(Range.class);
    }

    public Slot slot() {
      return component.getAnnotation(Slot.class);
    }
  }

  public ConfigSchema(ConfigTypes types) {
    this.types = types;
  }

  public ConfigTypes types() {
    return types;
  }

  /**
   * The YAML keys of {@code record}, in order: inline records flattened in place, then each key
   * marked {@link After} moved behind the key it names.
   */
  public List<Key> keys(Class<?> record) {
    List<Key> flat = new ArrayList<>();
    collectKeys(record, Map.of(), List.of(), flat);
    List<Key> out = new ArrayList<>();
    Map<String, List<Key>> placed = new LinkedHashMap<>();
    for (Key k : flat) {
      After after = k.via().isEmpty() ? k.component().getAnnotation(After.class) : null;
      if (after == null) {
        out.add(k);
      } else {
        placed.computeIfAbsent(after.value(), a -> new ArrayList<>()).add(k);
      }
    }
    for (Map.Entry<String, List<Key>> e : placed.entrySet()) {
      int anchor = -1;
      for (int i = 0; i < out.size(); i++) {
        if (out.get(i).name().equals(e.getKey())) {
          anchor = i;
        }
      }
      if (anchor < 0) {
        throw new IllegalStateException(
            record.getName() + ": @After(\"" + e.getKey() + "\") names no key of the record");
      }
      out.addAll(anchor + 1, e.getValue());
    }
    return out;
  }

  /** The names of {@link #keys}. */
  public Set<String> keyNames(Class<?> record) {
    Set<String> out = new LinkedHashSet<>();
    keys(record).forEach(k -> out.add(k.name()));
    return out;
  }

  private void collectKeys(
      Class<?> record, Map<String, Object> overrides, List<RecordComponent> via, List<Key> out) {
    for (RecordComponent c : record.getRecordComponents()) {
      String name = keyName(c.getName());
      Default d = c.getAnnotation(Default.class);
      if (c.isAnnotationPresent(Inline.class)) {
        Map<String, Object> inner = new LinkedHashMap<>();
        if (d != null && parse(d.value(), name) instanceof Map<?, ?> m) {
          m.forEach((k, v) -> inner.put(String.valueOf(k), v));
        }
        inner.putAll(overrides);
        List<RecordComponent> deeper = new ArrayList<>(via);
        deeper.add(c);
        collectKeys(c.getType(), inner, List.copyOf(deeper), out);
      } else if (overrides.containsKey(name)) {
        Object v = overrides.get(name);
        out.add(new Key(name, c, via, v, v == null ? "null" : flow(v)));
      } else if (d != null) {
        out.add(new Key(name, c, via, parse(d.value(), name), d.value()));
      } else {
        out.add(new Key(name, c, via, null, null));
      }
    }
  }

  private static Object parse(String text, String key) {
    return ConfigTree.parseValue(text, new Origin("default of " + key, 0));
  }

  /** A parsed default written back as a YAML flow value. */
  private static String flow(Object v) {
    if (v instanceof Map<?, ?> m) {
      List<String> parts = new ArrayList<>();
      m.forEach((k, x) -> parts.add(k + ": " + flow(x)));
      return "{" + String.join(", ", parts) + "}";
    }
    if (v instanceof List<?> l) {
      return l.stream().map(ConfigSchema::flow).toList().toString();
    }
    return String.valueOf(v);
  }

  /** The type slot a field of this type selects by {@code type:}, if it is a section type. */
  public Optional<String> sectionSlot(Type type) {
    Class<?> c = rawClass(type);
    return c.isInterface() ? types.slotSelecting(c) : Optional.empty();
  }

  /** The records a section type can hold, by registered name. */
  public Map<String, Class<?>> variants(Type sectionType) {
    return sectionSlot(sectionType).map(types::configs).orElse(Map.of());
  }

  /**
   * The components a {@link Slot} key can name, sorted, with their config records; the slot's extra
   * names ({@link Slot#also}) come last and map to {@link NoOptions}.
   */
  public Map<String, Class<?>> choices(Slot slot) {
    Map<String, Class<?>> out =
        new LinkedHashMap<>(new java.util.TreeMap<>(types.configs(slot.value())));
    for (String extra : slot.also()) {
      out.put(extra, NoOptions.class);
    }
    return out;
  }

  /** Every dotted key path that a config type accepts (variants and component options included). */
  public Set<String> knownPaths(Class<?> type) {
    Set<String> out = new TreeSet<>();
    collectPaths(type, null, "", out, new LinkedHashSet<>());
    return out;
  }

  private void collectPaths(Type t, Slot slot, String path, Set<String> out, Set<Type> seen) {
    Class<?> type = rawClass(t);
    if (type == Choice.class && slot != null) {
      choices(slot).values().forEach(c -> collectPaths(c, null, path, out, seen));
    } else if (type.isRecord()) {
      if (!seen.add(type)) {
        return;
      }
      for (Key k : keys(type)) {
        String p = join(path, k.name());
        out.add(p);
        collectPaths(k.type(), k.slot(), p, out, seen);
      }
      seen.remove(type);
    } else if (sectionSlot(type).isPresent()) {
      out.add(join(path, "type"));
      for (Class<?> v : variants(type).values()) {
        collectPaths(v, null, path, out, seen);
      }
    }
  }

  /** A short human description of a config type, for messages and docs. */
  public String describe(Type generic) {
    Class<?> type = rawClass(generic);
    if (type == Object.class) {
      return "any value";
    }
    if (type == String.class) {
      return "text";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    if (type == double.class
        || type == Double.class
        || type == float.class
        || type == Float.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type.isEnum()) {
      return "one of " + enumNames(type);
    }
    if (type == List.class) {
      return "a list of " + describe(((ParameterizedType) generic).getActualTypeArguments()[0]);
    }
    if (type == Map.class) {
      return "a mapping to " + describe(((ParameterizedType) generic).getActualTypeArguments()[1]);
    }
    if (sectionSlot(type).isPresent()) {
      return "one of " + variants(type).keySet();
    }
    return "a mapping";
  }

  /** Lower-case YAML names of an enum's constants. */
  public static List<String> enumNames(Class<?> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
        .toList();
  }

  /** {@code dModel} -> {@code d_model}. */
  public static String keyName(String componentName) {
    StringBuilder sb = new StringBuilder();
    for (char ch : componentName.toCharArray()) {
      if (Character.isUpperCase(ch)) {
        sb.append('_').append(Character.toLowerCase(ch));
      } else {
        sb.append(ch);
      }
    }
    return sb.toString();
  }

  static Class<?> rawClass(Type t) {
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    throw new IllegalStateException("unsupported type " + t);
  }

  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
