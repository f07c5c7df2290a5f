package org.ablate.core.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds a {@link ConfigTree} to immutable config records, checking every key: unknown keys (with a
 * "did you mean"), missing required keys, wrong types, out-of-range numbers, unknown section types
 * or component names and cross-key rules ({@link Validated}). All problems are reported together,
 * each with the file and line it came from. Stateless: one binder serves any number of threads.
 *
 * <p>Records map to YAML mappings whose keys are the snake_case component names ({@link
 * ConfigSchema}); {@link Default} gives defaults, {@link Inline} records share their keys with the
 * enclosing mapping, a section's {@code type:} selects a registered record, a {@link Slot} key a
 * registered component, and enums are written in lower case.
 *
 * <pre>{@code
 * ExperimentConfig config = new ConfigBinder(registry).bind(ExperimentConfig.class, tree);
 * }</pre>
 */
public final class ConfigBinder {
  private final ConfigSchema schema;

  /** A binder that resolves sections and slot keys through {@code types} (the registry). */
  public ConfigBinder(ConfigTypes types) {
    this.schema = new ConfigSchema(types);
  }

  /** A binder for records without sections or slot keys. */
  public ConfigBinder() {
    this(ConfigTypes.NONE);
  }

  /** Binds the whole tree to {@code type}; throws {@link ConfigException} listing every problem. */
  public <T> T bind(Class<T> type, ConfigTree source) {
    return type.cast(new Binding(source, type).run());
  }

  /** The state of one {@link #bind} call. */
  private final class Binding {
    private final ConfigTree tree;
    private final Class<?> root;
    private final List<String> errors = new ArrayList<>();

    Binding(ConfigTree tree, Class<?> root) {
      this.tree = tree;
      this.root = root;
    }

    Object run() {
      Object value = bindRecord(root, tree.root(), "", Map.of(), null, false);
      if (errors.size() == 1) {
        throw new ConfigException("Invalid configuration: " + errors.get(0));
      }
      if (!errors.isEmpty()) {
        StringBuilder sb =
            new StringBuilder("Invalid configuration (" + errors.size() + " problems):");
        errors.forEach(e -> sb.append("\n  - ").append(e));
        throw new ConfigException(sb.toString());
      }
      return value;
    }

    private void error(String path, String message) {
      errors.add(tree.origin(path) + ": " + message);
    }

    /**
     * Binds {@code raw} to a record; {@code overrides} replace defaults (from an {@link Inline}
     * component), {@code selected} says which section type or component it is, and {@code inline}
     * skips the unknown-key check that the enclosing record makes.
     */
    private Object bindRecord(
        Class<?> type,
        Map<String, Object> raw,
        String path,
        Map<String, Object> overrides,
        ConfigMessages.Selected selected,
        boolean inline) {
      if (!inline) {
        Set<String> known = schema.keyNames(type);
        for (String key : raw.keySet()) {
          if (!known.contains(key) && !(key.equals("type") && selected != null)) {
            error(
                ConfigSchema.join(path, key),
                ConfigMessages.unknownKey(schema, root, path, key, known, selected));
          }
        }
      }
      RecordComponent[] components = type.getRecordComponents();
      Object[] args = new Object[components.length];
      boolean failed = false;
      for (int i = 0; i < components.length; i++) {
        RecordComponent c = components[i];
        int before = errors.size();
        if (c.isAnnotationPresent(Inline.class)) {
          Map<String, Object> inner = new LinkedHashMap<>(inlineDefaults(c));
          inner.putAll(overrides);
          args[i] = bindRecord(c.getType(), raw, path, inner, null, true);
        } else {
          args[i] = bindComponent(c, raw, path, overrides);
        }
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
                  error(ConfigSchema.join(path, key), message);
                }
              }

              @Override
              public String path(String key) {
                return ConfigSchema.join(path, key);
              }
            });
      }
      return record;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> inlineDefaults(RecordComponent c) {
      Default d = c.getAnnotation(Default.class);
      if (d == null) {
        return Map.of();
      }
      Object v = ConfigTree.parseValue(d.value(), new Origin("default of " + c.getName(), 0));
      return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private Object bindComponent(
        RecordComponent c, Map<String, Object> raw, String path, Map<String, Object> overrides) {
      String key = ConfigSchema.keyName(c.getName());
      String p = ConfigSchema.join(path, key);
      Default def = c.getAnnotation(Default.class);
      boolean hasDefault = overrides.containsKey(key) || def != null;
      Object fallback =
          overrides.containsKey(key)
              ? ConfigTree.deepCopy(overrides.get(key))
              : def == null
                  ? null
                  : ConfigTree.parseValue(def.value(), new Origin("default of " + p, 0));
      boolean structured = isStructured(c.getType());
      Object value;
      if (raw.containsKey(key)) {
        value = raw.get(key);
        if (value == null && hasDefault && structured) {
          value = fallback;
        }
        if (value instanceof Map<?, ?> m
            && structured
            && !m.containsKey("type")
            && fallback instanceof Map<?, ?> dm
            && dm.get("type") != null) {
          Map<String, Object> withType = new LinkedHashMap<>();
          withType.put("type", dm.get("type"));
          m.forEach((k, v) -> withType.put((String) k, v));
          value = withType;
        }
      } else if (hasDefault) {
        value = fallback;
      } else if (c.getType().isRecord()) {
        value = Map.of();
      } else {
        Doc doc = c.getAnnotation(Doc.class);
        error(
            p,
            "required key '"
                + p
                + "' is missing; add it"
                + (doc == null ? "" : " (" + doc.value() + ")")
                + ".");
        return null;
      }
      if (value == null) {
        if (!(hasDefault && fallback == null)) {
          error(
              p,
              "'"
                  + p
                  + "' must not be empty; expected "
                  + schema.describe(c.getGenericType())
                  + ".");
        }
        return null;
      }
      Object bound = bindValue(c.getGenericType(), c.getAnnotation(Slot.class), value, p);
      String outOfRange = ConfigMessages.outOfRange(c.getAnnotation(Range.class), bound, p);
      if (outOfRange != null) {
        error(p, outOfRange);
      }
      return bound;
    }

    private boolean isStructured(Class<?> type) {
      return type.isRecord() || type == Choice.class || schema.sectionSlot(type).isPresent();
    }

    @SuppressWarnings("unchecked")
    private Object bindValue(Type generic, Slot slot, Object value, String path) {
      Class<?> type = ConfigSchema.rawClass(generic);
      if (type == Object.class) {
        return value;
      }
      if (Scalars.handles(type)) {
        Scalars.Bound bound = Scalars.bind(type, value, path);
        if (bound.error() != null) {
          error(path, bound.error());
        }
        return bound.value();
      }
      if (type == List.class) {
        Type item = ((ParameterizedType) generic).getActualTypeArguments()[0];
        if (!(value instanceof List<?> list)) {
          return typeError(path, value, "a list of " + schema.describe(item) + " such as [a, b]");
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
          out.add(bindValue(item, null, list.get(i), path + "[" + i + "]"));
        }
        return Collections.unmodifiableList(out);
      }
      if (type == Map.class) {
        Type item = ((ParameterizedType) generic).getActualTypeArguments()[1];
        if (!(value instanceof Map<?, ?> map)) {
          return typeError(path, value, "a mapping of names to " + schema.describe(item));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach(
            (k, v) ->
                out.put((String) k, bindValue(item, null, v, ConfigSchema.join(path, (String) k))));
        return Collections.unmodifiableMap(out);
      }
      if (type == Choice.class) {
        return bindChoice(slot, value, path);
      }
      if (type.isRecord()) {
        if (!(value instanceof Map)) {
          return typeError(path, value, "a mapping with keys " + schema.keyNames(type));
        }
        return bindRecord(type, (Map<String, Object>) value, path, Map.of(), null, false);
      }
      if (schema.sectionSlot(type).isPresent()) {
        return bindSection(type, value, path);
      }
      throw new ConfigException(
          "'"
              + path
              + "' is declared as "
              + generic.getTypeName()
              + ", which Ablate cannot read from YAML; a config record's components must be text,"
              + " numbers, booleans, enums, lists, mappings, records, a registered section type or"
              + " a Choice marked @Slot.");
    }

    /** A section: a mapping (or bare name) whose {@code type:} selects a registered record. */
    @SuppressWarnings("unchecked")
    private Object bindSection(Class<?> type, Object value, String path) {
      String slot = schema.sectionSlot(type).orElseThrow();
      Map<String, Class<?>> variants = schema.variants(type);
      Map<String, Object> map;
      if (value instanceof String name) {
        map = new LinkedHashMap<>();
        map.put("type", name);
      } else if (value instanceof Map<?, ?> m) {
        map = (Map<String, Object>) m;
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
        String p = ConfigSchema.join(path, "type");
        error(
            p,
            "'"
                + p
                + "' is '"
                + typeName
                + "', which is not a registered "
                + slot
                + " type; choose one of "
                + variants.keySet()
                + Suggestions.didYouMean(String.valueOf(typeName), variants.keySet())
                + " (./ablate list shows them; plugins add more with --plugins).");
        return null;
      }
      return bindRecord(
          variant,
          map,
          path,
          Map.of(),
          new ConfigMessages.Selected(slot, String.valueOf(typeName), variants),
          false);
    }

    /** A component choice: a registered name, or a mapping with {@code type:} and its options. */
    @SuppressWarnings("unchecked")
    private Object bindChoice(Slot slot, Object value, String path) {
      if (slot == null) {
        throw new ConfigException(
            "'" + path + "' is a Choice without @Slot naming its slot; mark the record component.");
      }
      Map<String, Class<?>> choices = schema.choices(slot);
      String name;
      Map<String, Object> options = new LinkedHashMap<>();
      if (value instanceof String s) {
        name = s;
      } else if (value instanceof Map<?, ?> m && m.get("type") instanceof String s) {
        name = s;
        ((Map<String, Object>) m).forEach((k, v) -> options.put(k, v));
      } else if (value instanceof Map<?, ?>) {
        error(
            path,
            "'"
                + path
                + "' needs a 'type:' key naming the "
                + slot.value()
                + " component, one of "
                + choices.keySet()
                + ".");
        return null;
      } else {
        return typeError(path, value, "the name of a " + slot.value() + " component");
      }
      Class<?> config = choices.get(name);
      if (config == null) {
        error(
            path,
            "'"
                + path
                + "' is '"
                + name
                + "', which is not a registered "
                + slot.value()
                + " component; choose one of "
                + choices.keySet()
                + Suggestions.didYouMean(name, choices.keySet())
                + " (./ablate list shows them; plugins add more with --plugins).");
        return null;
      }
      Object bound =
          bindRecord(
              config,
              options,
              path,
              Map.of(),
              new ConfigMessages.Selected(slot.value(), name, Map.of()),
              false);
      return bound == null ? null : new Choice(name, (Record) bound);
    }

    private Object typeError(String path, Object value, String expected) {
      error(
          path, "'" + path + "' is " + ConfigMessages.show(value) + "; expected " + expected + ".");
      return null;
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
  }
}
