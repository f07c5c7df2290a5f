package org.ablate.experiments.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.ablate.core.config.ConfigBinder;
import org.ablate.core.config.ConfigTree;
import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Origin;
import org.ablate.core.config.Range;
import org.ablate.core.config.Slot;
import org.ablate.core.config.Variant;

/**
 * Generates, from the config records themselves, the annotated reference of every key ({@code
 * configs/reference.yaml}) and a JSON Schema that editors use to complete and check experiment
 * files ({@code configs/ablate.schema.json}).
 */
public final class ConfigDocs {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, java.util.Set<String>> slotNames;

  public ConfigDocs(Map<String, java.util.Set<String>> slotNames) {
    this.slotNames = slotNames;
  }

  // ----- reference YAML -----

  public String referenceYaml() {
    StringBuilder sb = new StringBuilder();
    sb.append("# Ablate experiment reference: every key, what it means, its type and default.\n");
    sb.append(
        "# Generated from the config records by './ablate schema --reference'; do not edit by hand.\n");
    sb.append(
        "# An experiment file lists only what it changes; keys left out take these defaults.\n");
    sb.append(
        "# Sections with several kinds ('type:') show the first kind in full and the others commented out.\n\n");
    record(sb, ExperimentConfig.class, "", false);
    return sb.toString();
  }

  private void record(StringBuilder sb, Class<?> type, String indent, boolean commented) {
    for (RecordComponent c : type.getRecordComponents()) {
      String key = ConfigBinder.keyName(c.getName());
      Class<?> t = c.getType();
      String prefix = indent + (commented ? "# " : "");
      String doc = docOf(c);
      if (t.isRecord()) {
        sb.append(prefix).append(key).append(":").append(comment(doc)).append('\n');
        record(sb, t, indent + "  ", commented);
      } else if (t.isSealed()) {
        Map<String, Class<?>> variants = ConfigBinder.variants(t);
        String def = defaultType(c);
        sb.append(prefix)
            .append(key)
            .append(":")
            .append(
                comment(
                    doc
                        + "; type: one of "
                        + variants.keySet()
                        + (def == null ? "" : ", default " + def)))
            .append('\n');
        boolean first = true;
        for (Map.Entry<String, Class<?>> v : variants.entrySet()) {
          boolean off = commented || !first;
          String p = indent + "  " + (off ? "# " : "");
          Doc vdoc = v.getValue().getAnnotation(Doc.class);
          sb.append(indent)
              .append("  # --- ")
              .append(v.getKey())
              .append(vdoc == null ? "" : ": " + vdoc.value())
              .append('\n');
          sb.append(p).append("type: ").append(v.getKey()).append('\n');
          record(sb, v.getValue(), indent + "  ", off);
          first = false;
        }
      } else {
        Default d = c.getAnnotation(Default.class);
        String value = d == null ? "" : " " + d.value();
        sb.append(prefix)
            .append(key)
            .append(":")
            .append(value)
            .append(comment(doc + "; " + typeText(c) + (d == null ? "; required" : "")))
            .append('\n');
      }
    }
  }

  private String typeText(RecordComponent c) {
    Slot slot = c.getAnnotation(Slot.class);
    if (slot != null && slotNames.containsKey(slot.value())) {
      return "one of " + new java.util.TreeSet<>(slotNames.get(slot.value()));
    }
    String text = ConfigBinder.describe(c.getGenericType());
    Range r = c.getAnnotation(Range.class);
    if (r != null) {
      if (r.min() != Double.NEGATIVE_INFINITY) {
        text += (r.exclusiveMin() ? ", > " : ", >= ") + fmt(r.min());
      }
      if (r.max() != Double.POSITIVE_INFINITY) {
        text += ", <= " + fmt(r.max());
      }
    }
    return text;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  private static String docOf(RecordComponent c) {
    Doc d = c.getAnnotation(Doc.class);
    return d == null ? "" : d.value();
  }

  private static String comment(String text) {
    return text.isBlank() ? "" : "    # " + text;
  }

  private static String defaultType(RecordComponent c) {
    Default d = c.getAnnotation(Default.class);
    if (d == null) {
      return null;
    }
    Object v = ConfigTree.parseValue(d.value(), Origin.DEFAULT);
    if (v instanceof Map<?, ?> m && m.get("type") != null) {
      return String.valueOf(m.get("type"));
    }
    return v instanceof String s ? s : null;
  }

  // ----- JSON Schema -----

  public String jsonSchema() {
    ObjectNode root = recordSchema(ExperimentConfig.class);
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$id", "https://ablate.org/schema/experiment.json");
    root.put("title", "Ablate experiment");
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private ObjectNode recordSchema(Class<?> type) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", "object");
    Doc doc = type.getAnnotation(Doc.class);
    if (doc != null) {
      node.put("description", doc.value());
    }
    ObjectNode props = node.putObject("properties");
    ArrayNode required = JSON.createArrayNode();
    Variant variant = type.getAnnotation(Variant.class);
    if (variant != null) {
      props.putObject("type").put("const", variant.value());
      required.add("type");
    }
    for (RecordComponent c : type.getRecordComponents()) {
      String key = ConfigBinder.keyName(c.getName());
      ObjectNode p = schemaOf(c.getGenericType(), c.getAnnotation(Slot.class));
      Doc d = c.getAnnotation(Doc.class);
      if (d != null) {
        p.put("description", d.value());
      }
      Range r = c.getAnnotation(Range.class);
      if (r != null) {
        if (r.min() != Double.NEGATIVE_INFINITY) {
          p.put(r.exclusiveMin() ? "exclusiveMinimum" : "minimum", r.min());
        }
        if (r.max() != Double.POSITIVE_INFINITY) {
          p.put("maximum", r.max());
        }
      }
      Default def = c.getAnnotation(Default.class);
      if (def == null) {
        required.add(key);
      } else {
        Object v = ConfigTree.parseValue(def.value(), Origin.DEFAULT);
        if (v == null) {
          ArrayNode any = JSON.createArrayNode();
          any.add(p.deepCopy());
          any.addObject().put("type", "null");
          ObjectNode nullable = JSON.createObjectNode();
          nullable.set("anyOf", any);
          if (d != null) {
            nullable.put("description", d.value());
          }
          p = nullable;
        }
        p.set("default", JSON.valueToTree(v));
      }
      props.set(key, p);
    }
    if (!required.isEmpty()) {
      node.set("required", required);
    }
    node.put("additionalProperties", false);
    return node;
  }

  private ObjectNode schemaOf(Type generic, Slot slot) {
    Class<?> t =
        generic instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : (Class<?>) generic;
    ObjectNode n = JSON.createObjectNode();
    if (t == String.class) {
      n.put("type", "string");
      if (slot != null && slotNames.containsKey(slot.value())) {
        ArrayNode e = n.putArray("enum");
        new java.util.TreeSet<>(slotNames.get(slot.value())).forEach(e::add);
      }
    } else if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
      n.put("type", "integer");
    } else if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
      n.put("type", "number");
    } else if (t == boolean.class || t == Boolean.class) {
      n.put("type", "boolean");
    } else if (t.isEnum()) {
      ArrayNode e = n.putArray("enum");
      ConfigBinder.enumNames(t).forEach(e::add);
    } else if (t == List.class) {
      n.put("type", "array");
      n.set("items", schemaOf(((ParameterizedType) generic).getActualTypeArguments()[0], null));
    } else if (t == Map.class) {
      n.put("type", "object");
      n.set(
          "additionalProperties",
          schemaOf(((ParameterizedType) generic).getActualTypeArguments()[1], null));
    } else if (t.isRecord()) {
      return recordSchema(t);
    } else if (t.isSealed()) {
      ArrayNode one = n.putArray("oneOf");
      for (Class<?> v : ConfigBinder.variants(t).values()) {
        one.add(recordSchema(v));
      }
    }
    return n;
  }
}
