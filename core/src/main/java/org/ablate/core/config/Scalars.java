package org.ablate.core.config;

import java.util.List;
import java.util.Map;

/**
 * Binds the scalar config types from YAML values: text, whole numbers (checked against the type's
 * range), finite numbers, booleans and enums (lower-case names).
 */
final class Scalars {
  /** A bound value, or the message saying why the value cannot be bound. */
  record Bound(Object value, String error) {
    static Bound of(Object value) {
      return new Bound(value, null);
    }

    static Bound error(String message) {
      return new Bound(null, message);
    }
  }

  private Scalars() {}

  /** True for the types {@link #bind} handles. */
  static boolean handles(Class<?> type) {
    return type == String.class
        || type == int.class
        || type == Integer.class
        || type == long.class
        || type == Long.class
        || type == double.class
        || type == Double.class
        || type == float.class
        || type == Float.class
        || type == boolean.class
        || type == Boolean.class
        || type.isEnum();
  }

  static Bound bind(Class<?> type, Object value, String path) {
    if (type == String.class) {
      return value instanceof Map || value instanceof List
          ? expected(path, value, "a single value (text)")
          : Bound.of(String.valueOf(value));
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      Long l = ConfigMessages.wholeNumber(value);
      if (l == null) {
        return Bound.error(ConfigMessages.notWholeNumber(path, value));
      }
      boolean isInt = type == int.class || type == Integer.class;
      if (isInt && (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE)) {
        return Bound.error(
            "'"
                + path
                + "' is "
                + l
                + ", too large for this key; it must lie between "
                + Integer.MIN_VALUE
                + " and "
                + Integer.MAX_VALUE
                + ".");
      }
      return Bound.of(isInt ? (Object) l.intValue() : l);
    }
    if (type == boolean.class || type == Boolean.class) {
      return value instanceof Boolean ? Bound.of(value) : expected(path, value, "true or false");
    }
    if (type.isEnum()) {
      return bindEnum(type, value, path);
    }
    if (!(value instanceof Number n)) {
      return expected(path, value, "a number");
    }
    if (!Double.isFinite(n.doubleValue())) {
      return expected(path, value, "a finite number");
    }
    return Bound.of(type == float.class || type == Float.class ? n.floatValue() : n.doubleValue());
  }

  private static Bound bindEnum(Class<?> type, Object value, String path) {
    if (value instanceof String s) {
      for (Object constant : type.getEnumConstants()) {
        if (((Enum<?>) constant).name().equalsIgnoreCase(s)) {
          return Bound.of(constant);
        }
      }
    }
    List<String> names = ConfigSchema.enumNames(type);
    return Bound.error(
        "'"
            + path
            + "' is "
            + ConfigMessages.show(value)
            + "; expected one of "
            + names
            + Suggestions.didYouMean(String.valueOf(value), names)
            + ".");
  }

  private static Bound expected(String path, Object value, String what) {
    return Bound.error(
        "'" + path + "' is " + ConfigMessages.show(value) + "; expected " + what + ".");
  }
}
