package org.ablate.core.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
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
import java.util.Set;
import java.util.TreeSet;

/**
 * Binds a {@link ConfigTree} to immutable config records, checking every key: unknown keys (with a
 * "did you mean"), missing required keys, wrong types, out-of-range numbers, unknown variant or
 * component names and cross-key rules ({@link Validated}). All problems are reported together, each
 * with the file and line it came from.
 *
 * <p>Records map to YAML mappings whose keys are the snake_case component names; {@link Default}
 * gives defaults, {@link Variant} names the records of a sealed interface, enums are written in
 * lower case.
 *
 * <pre>{@code
 * ExperimentConfig config = new ConfigBinder(slotNames).bind(ExperimentConfig.class, tree);
 * }</pre>
 */
public final class ConfigBinder {
  private final Map<String, Set<String>> slotNames;
  private final List<String> errors = new ArrayList<>();
  private ConfigTree tree;
  private Class<?> rootType;

  /**
   * A binder that checks {@link Slot} names against {@code slotNames} (slot -> registered names).
   */
  public ConfigBinder(Map<String, Set<String>> slotNames) {
    this.slotNames = slotNames;
  }

  public ConfigBinder() {
    this(Map.of());
  }

  /** Binds the whole tree to {@code type}; throws {@link ConfigException} listing every problem. */
  public synchronized <T> T bind(Class<T> type, ConfigTree source) {
    this.tree = source;
    this.rootType = type;
    errors.clear();
    Object value = bindRecord(type, source.root(), "");
    if (!errors.isEmpty()) {
      throw new ConfigException(summary());
    }
    return type.cast(value);
  }

  private String summary() {
    if (errors.size() == 1) {
      return "Invalid configuration: " + errors.get(0);
    }
    StringBuilder sb = new StringBuilder("Invalid configuration (" + errors.size() + " problems):");
    errors.forEach(e -> sb.append("\n  - ").append(e));
    return sb.toString();
  }

  private void error(String path, String message) {
    errors.add(tree.origin(path) + ": " + message);
  }

  private Object bindRecord(Class<?> type, Map<String, Object> raw, String path) {
    RecordComponent[] components = type.getRecordComponents();
    Set<String> known = new LinkedHashSet<>();
    for (RecordComponent c : components) {
      known.add(keyName(c.getName()));
    }
    for (String key : raw.keySet()) {
      if (!known.contains(key)
          && !(key.equals("type") && type.isAnnotationPresent(Variant.class))) {
        error(join(path, key), unknownKey(path, key, known));
      }
    }
    Object[] args = new Object[components.length];
    boolean failed = false;
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      String key = keyName(c.getName());
      String p = join(path, key);
      int before = errors.size();
      args[i] = bindComponent(c, raw, p);
      failed |= errors.size() > before;
    }
    if (failed) {
      return null;
    }
    Object record = construct(type, components, args, path);
    if (record instanceof Validated v) {
      v.validate(
          new Validated.Checks() {
            @Override
            public void require(boolean condition, String key, String message) {
              if (!condition) {
                error(join(path, key), message);
              }
            }

            @Override
            public String path(String key) {
              return join(path, key);
            }
          });
    }
    return record;
  }

  private Object bindComponent(RecordComponent c, Map<String, Object> raw, String path) {
    Type generic = c.getGenericType();
    Class<?> raw0 = c.getType();
    Default def = c.getAnnotation(Default.class);
    Object value;
    if (raw.containsKey(keyLeaf(path))) {
      value = raw.get(keyLeaf(path));
      if (value == null && def != null && isStructured(raw0)) {
        value = defaultValue(def, path);
      }
      if (value instanceof Map<?, ?> m
          && raw0.isSealed()
          && !m.containsKey("type")
          && def != null) {
        Object d = defaultValue(def, path);
        if (d instanceof Map<?, ?> dm && dm.get("type") != null) {
          Map<String, Object> withType = new LinkedHashMap<>();
          withType.put("type", dm.get("type"));
          m.forEach((k, v) -> withType.put((String) k, v));
          value = withType;
        }
      }
    } else if (def != null) {
      value = defaultValue(def, path);
    } else if (raw0.isRecord()) {
      value = Map.of();
    } else {
      error(path, "required key '" + path + "' is missing; add it" + docHint(c) + ".");
      return null;
    }
    if (value == null) {
      if (def == null || !"null".equals(def.value().trim())) {
        error(path, "'" + path + "' must not be empty; expected " + describe(generic) + ".");
      }
      return null;
    }
    Object bound = bindValue(generic, value, path);
    if (bound != null) {
      checkRange(c.getAnnotation(Range.class), bound, path);
      checkSlot(c.getAnnotation(Slot.class), bound, path);
    }
    return bound;
  }

  private static boolean isStructured(Class<?> type) {
    return type.isRecord() || type.isSealed();
  }

  private Object defaultValue(Default def, String path) {
    return ConfigTree.parseValue(def.value(), new Origin("default of " + path, 0));
  }

  private String docHint(RecordComponent c) {
    Doc doc = c.getAnnotation(Doc.class);
    return doc == null ? "" : " (" + doc.value() + ")";
  }

  @SuppressWarnings("unchecked")
  private Object bindValue(Type generic, Object value, String path) {
    Class<?> type = rawClass(generic);
    if (type == Object.class) {
      return value;
    }
    if (type == String.class) {
      if (value instanceof Map || value instanceof List) {
        return typeError(path, value, "a single value (text)");
      }
      return String.valueOf(value);
    }
    if (type == int.class || type == Integer.class) {
      Long l = asLong(value);
      if (l == null || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
        return typeError(path, value, "a whole number");
      }
      return l.intValue();
    }
    if (type == long.class || type == Long.class) {
      Long l = asLong(value);
      return l == null ? typeError(path, value, "a whole number") : l;
    }
    if (type == double.class
        || type == Double.class
        || type == float.class
        || type == Float.class) {
      if (!(value instanceof Number n)) {
        return typeError(path, value, "a number");
      }
      return type == float.class || type == Float.class ? (Object) n.floatValue() : n.doubleValue();
    }
    if (type == boolean.class || type == Boolean.class) {
      return value instanceof Boolean ? value : typeError(path, value, "true or false");
    }
    if (type.isEnum()) {
      return bindEnum(type, value, path);
    }
    if (type == List.class) {
      Type item = ((ParameterizedType) generic).getActualTypeArguments()[0];
      if (!(value instanceof List<?> list)) {
        return typeError(path, value, "a list of " + describe(item) + " such as [a, b]");
      }
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        out.add(bindValue(item, list.get(i), path + "[" + i + "]"));
      }
      return java.util.Collections.unmodifiableList(out);
    }
    if (type == Map.class) {
      Type item = ((ParameterizedType) generic).getActualTypeArguments()[1];
      if (!(value instanceof Map<?, ?> map)) {
        return typeError(path, value, "a mapping of names to " + describe(item));
      }
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put((String) k, bindValue(item, v, join(path, (String) k))));
      return java.util.Collections.unmodifiableMap(out);
    }
    if (type.isRecord()) {
      if (!(value instanceof Map)) {
        return typeError(path, value, "a mapping with keys " + keysOf(type));
      }
      return bindRecord(type, (Map<String, Object>) value, path);
    }
    if (type.isSealed()) {
      return bindVariant(type, value, path);
    }
    throw new IllegalStateException("unsupported config type " + generic + " at " + path);
  }

  private Object bindVariant(Class<?> sealed, Object value, String path) {
    Map<String, Class<?>> variants = variants(sealed);
    Map<String, Object> map;
    if (value instanceof String name) {
      map = new LinkedHashMap<>();
      map.put("type", name);
    } else if (value instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, Object> cast = (Map<String, Object>) m;
      map = cast;
    } else {
      return typeError(path, value, "one of " + variants.keySet() + " or a mapping with 'type:'");
    }
    Object typeName = map.get("type");
    if (typeName == null) {
      error(path, "'" + path + "' needs a 'type:' key, one of " + variants.keySet() + ".");
      return null;
    }
    Class<?> variant = variants.get(String.valueOf(typeName));
    if (variant == null) {
      error(
          join(path, "type"),
          "'"
              + join(path, "type")
              + "' is '"
              + typeName
              + "', which is not known; choose one of "
              + variants.keySet()
              + Suggestions.didYouMean(String.valueOf(typeName), variants.keySet())
              + ".");
      return null;
    }
    return bindRecord(variant, map, path);
  }

  /** The records of a sealed config interface, by their {@link Variant} names. */
  public static Map<String, Class<?>> variants(Class<?> sealed) {
    Map<String, Class<?>> out = new LinkedHashMap<>();
    for (Class<?> c : sealed.getPermittedSubclasses()) {
      Variant v = c.getAnnotation(Variant.class);
      if (v == null) {
        throw new IllegalStateException(c + " implements " + sealed + " but has no @Variant");
      }
      out.put(v.value(), c);
    }
    return out;
  }

  private Object bindEnum(Class<?> type, Object value, String path) {
    List<String> names = enumNames(type);
    if (value instanceof String s) {
      for (Object constant : type.getEnumConstants()) {
        if (((Enum<?>) constant).name().equalsIgnoreCase(s)) {
          return constant;
        }
      }
    }
    error(
        path,
        "'"
            + path
            + "' is "
            + show(value)
            + "; expected one of "
            + names
            + Suggestions.didYouMean(String.valueOf(value), names)
            + ".");
    return null;
  }

  /** Lower-case YAML names of an enum's constants. */
  public static List<String> enumNames(Class<?> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
        .toList();
  }

  private void checkRange(Range range, Object value, String path) {
    if (range == null || !(value instanceof Number n)) {
      return;
    }
    double v = n.doubleValue();
    boolean belowMin = range.exclusiveMin() ? v <= range.min() : v < range.min();
    if (belowMin || v > range.max() || Double.isNaN(v)) {
      String bounds;
      if (range.max() == Double.POSITIVE_INFINITY) {
        bounds = (range.exclusiveMin() ? "greater than " : "at least ") + fmt(range.min());
      } else if (range.min() == Double.NEGATIVE_INFINITY) {
        bounds = "at most " + fmt(range.max());
      } else {
        bounds =
            "between "
                + fmt(range.min())
                + (range.exclusiveMin() ? " (exclusive)" : "")
                + " and "
                + fmt(range.max());
      }
      error(path, "'" + path + "' is " + show(value) + "; it must be " + bounds + ".");
    }
  }

  private void checkSlot(Slot slot, Object value, String path) {
    if (slot == null) {
      return;
    }
    Set<String> names = slotNames.get(slot.value());
    if (names == null || names.contains(String.valueOf(value))) {
      return;
    }
    error(
        path,
        "'"
            + path
            + "' is '"
            + value
            + "', which is not a registered "
            + slot.value()
            + " component; choose one of "
            + new TreeSet<>(names)
            + Suggestions.didYouMean(String.valueOf(value), names)
            + ".");
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  private Object typeError(String path, Object value, String expected) {
    error(path, "'" + path + "' is " + show(value) + "; expected " + expected + ".");
    return null;
  }

  private static String show(Object value) {
    if (value instanceof String s) {
      return "'" + s + "' (text)";
    }
    if (value instanceof Map) {
      return "a mapping";
    }
    if (value instanceof List) {
      return "a list";
    }
    return String.valueOf(value);
  }

  private static Long asLong(Object value) {
    if (value instanceof Long l) {
      return l;
    }
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e18) {
      return d.longValue();
    }
    return null;
  }

  private String unknownKey(String path, String key, Set<String> known) {
    String full = join(path, key);
    String hint = Suggestions.didYouMean(key, known);
    if (hint.isEmpty()) {
      List<String> elsewhere = new ArrayList<>();
      for (String p : knownPaths(rootType)) {
        if (p.endsWith("." + key) || p.equals(key)) {
          elsewhere.add(p);
        }
      }
      if (!elsewhere.isEmpty()) {
        hint = " (did you mean '" + elsewhere.get(0) + "'?)";
      }
    }
    return "unknown key '"
        + full
        + "'"
        + hint
        + "; "
        + (path.isEmpty() ? "top-level" : "'" + path + "'")
        + " accepts "
        + known
        + ". Every key must be used: remove it or fix its spelling.";
  }

  /** Every dotted key path that a config type accepts (variants included). */
  public static Set<String> knownPaths(Class<?> type) {
    Set<String> out = new TreeSet<>();
    collectPaths(type, "", out, new LinkedHashSet<>());
    return out;
  }

  private static void collectPaths(Type t, String path, Set<String> out, Set<Type> seen) {
    Class<?> type = rawClass(t);
    if (type.isRecord()) {
      if (!seen.add(type)) {
        return;
      }
      for (RecordComponent c : type.getRecordComponents()) {
        String p = join(path, keyName(c.getName()));
        out.add(p);
        collectPaths(c.getGenericType(), p, out, seen);
      }
      seen.remove(type);
    } else if (type.isSealed()) {
      out.add(join(path, "type"));
      for (Class<?> v : variants(type).values()) {
        collectPaths(v, path, out, seen);
      }
    }
  }

  private static String keysOf(Class<?> record) {
    return Arrays.stream(record.getRecordComponents())
        .map(c -> keyName(c.getName()))
        .toList()
        .toString();
  }

  private Object construct(
      Class<?> type, RecordComponent[] components, Object[] args, String path) {
    try {
      Class<?>[] types =
          Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new);
      Constructor<?> ctor = type.getDeclaredConstructor(types);
      ctor.setAccessible(true);
      return ctor.newInstance(args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ConfigException ce) {
        error(path, ce.getMessage());
        return null;
      }
      if (cause instanceof IllegalArgumentException iae) {
        error(path, (path.isEmpty() ? "" : "'" + path + "': ") + iae.getMessage());
        return null;
      }
      throw new IllegalStateException("cannot construct " + type.getName(), cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + type.getName(), e);
    }
  }

  /**
   * Converts a typed config back to a tree (defaults included), for the resolved config of a run.
   */
  public static Object toTree(Object value) {
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
      return new ArrayList<>(l.stream().map(ConfigBinder::toTree).toList());
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), toTree(v)));
      return out;
    }
    Class<?> type = value.getClass();
    if (type.isRecord()) {
      Map<String, Object> out = new LinkedHashMap<>();
      Variant variant = type.getAnnotation(Variant.class);
      if (variant != null) {
        out.put("type", variant.value());
      }
      for (RecordComponent c : type.getRecordComponents()) {
        try {
          out.put(keyName(c.getName()), toTree(c.getAccessor().invoke(value)));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      return out;
    }
    throw new IllegalStateException("not a config value: " + type);
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

  /** A short human description of a config type, for messages and docs. */
  public static String describe(Type generic) {
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
    if (type.isSealed()) {
      return "one of " + variants(type).keySet();
    }
    return "a mapping";
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

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String keyLeaf(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }
}
