package org.ablate.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The texts of the binder's error messages: values shown, ranges, unknown keys and their hints. */
final class ConfigMessages {
  /** The slot and name of the section or component a record was selected as, for messages. */
  record Selected(String slot, String name, Map<String, Class<?>> alternatives) {}

  private ConfigMessages() {}

  static String show(Object value) {
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

  static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  /** {@code value} as a whole number, or null when it is none (or too large for a long). */
  static Long wholeNumber(Object value) {
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

  /** Why {@code value} is not a whole number that fits. */
  static String notWholeNumber(String path, Object value) {
    if (value instanceof Double d && !Double.isFinite(d)) {
      return "'" + path + "' is " + show(value) + "; expected a finite whole number.";
    }
    boolean huge =
        value instanceof java.math.BigInteger || (value instanceof Double d && d == Math.rint(d));
    return huge
        ? "'" + path + "' is " + show(value) + ", too large for a whole number here."
        : "'" + path + "' is " + show(value) + "; expected a whole number.";
  }

  /** The message for a number outside its {@link Range}, or null when it is inside. */
  static String outOfRange(Range range, Object value, String path) {
    if (range == null || !(value instanceof Number n)) {
      return null;
    }
    double v = n.doubleValue();
    boolean belowMin = range.exclusiveMin() ? v <= range.min() : v < range.min();
    if (!belowMin && v <= range.max() && !Double.isNaN(v)) {
      return null;
    }
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
    return "'" + path + "' is " + show(value) + "; it must be " + bounds + ".";
  }

  /**
   * The message for {@code key} under {@code path}, which {@code known} does not hold: a close
   * spelling, the section type that has the key, or another place in {@code root} where it fits.
   */
  static String unknownKey(
      ConfigSchema schema,
      Class<?> root,
      String path,
      String key,
      Set<String> known,
      Selected selected) {
    String full = ConfigSchema.join(path, key);
    String hint = Suggestions.didYouMean(key, known);
    if (hint.isEmpty() && selected != null) {
      List<String> owners = new ArrayList<>();
      selected
          .alternatives()
          .forEach(
              (name, c) -> {
                if (!name.equals(selected.name()) && schema.keyNames(c).contains(key)) {
                  owners.add(name);
                }
              });
      if (!owners.isEmpty()) {
        return "'"
            + full
            + "' is a key of "
            + selected.slot()
            + " type "
            + String.join(" or ", owners)
            + ", not of the chosen type '"
            + selected.name()
            + "'; set "
            + ConfigSchema.join(path, "type")
            + ": "
            + owners.get(0)
            + " to use it, or remove the key.";
      }
    }
    if (known.isEmpty() && selected != null) {
      return "'"
          + path
          + "' ("
          + selected.name()
          + ") takes no options, so '"
          + key
          + "' is unknown; remove it.";
    }
    if (hint.isEmpty()) {
      for (String p : schema.knownPaths(root)) {
        if ((p.endsWith("." + key) || p.equals(key)) && !p.equals(full)) {
          hint = " (did you mean '" + p + "'?)";
          break;
        }
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
}
