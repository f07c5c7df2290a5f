package org.ablate.experiments.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.ablate.core.config.Choice;
import org.ablate.core.config.ConfigSchema;
import org.ablate.core.config.ConfigTypes;
import org.ablate.core.config.Doc;
import org.ablate.core.config.Range;
import org.ablate.core.config.Slot;

/**
 * Generates, from the config records themselves, the annotated reference of every key ({@code
 * configs/reference.yaml}) and a JSON Schema that editors use to complete and check experiment
 * files ({@code configs/ablate.schema.json}). Both come from the {@link ConfigSchema} of a
 * registry, so a plugin's sections and components are documented like Ablate's own.
 */
public final class ConfigDocs {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ConfigSchema schema;

  public ConfigDocs(ConfigTypes types) {
    this.schema = new ConfigSchema(types);
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
    for (ConfigSchema.Key k : schema.keys(type)) {
      Class<?> t = rawClass(k.type());
      String prefix = indent + (commented ? "# " : "");
      if (t.isRecord() && t != Choice.class) {
        sb.append(prefix).append(k.name()).append(":").append(comment(k.doc())).append('\n');
        record(sb, t, indent + "  ", commented);
      } else if (schema.sectionSlot(t).isPresent()) {
        section(sb, k, t, indent, commented);
      } else {
        sb.append(prefix)
            .append(k.name())
            .append(":")
            .append(k.required() ? "" : " " + k.defaultText())
            .append(comment(k.doc() + "; " + typeText(k) + (k.required() ? "; required" : "")))
            .append('\n');
        if (t == Choice.class && k.slot() != null) {
          componentOptions(sb, k.slot(), indent + "  ");
        }
      }
    }
  }

  private void section(
      StringBuilder sb, ConfigSchema.Key k, Class<?> t, String indent, boolean commented) {
    Map<String, Class<?>> variants = schema.variants(t);
    String def = defaultType(k.defaultValue());
    sb.append(indent + (commented ? "# " : ""))
        .append(k.name())
        .append(":")
        .append(
            comment(
                k.doc()
                    + "; type: one of "
                    + variants.keySet()
                    + (def == null ? "" : ", default " + def)))
        .append('\n');
    boolean first = true;
    for (Map.Entry<String, Class<?>> v : variants.entrySet()) {
      boolean off = commented || !first;
      Doc vdoc = v.getValue().getAnnotation(Doc.class);
      sb.append(indent)
          .append("  # --- ")
          .append(v.getKey())
          .append(vdoc == null ? "" : ": " + vdoc.value())
          .append('\n');
      sb.append(indent + "  " + (off ? "# " : "")).append("type: ").append(v.getKey()).append('\n');
      record(sb, v.getValue(), indent + "  ", off);
      first = false;
    }
  }

  /** The options of the components of a slot that have any, commented out under the key. */
  private void componentOptions(StringBuilder sb, Slot slot, String indent) {
    for (Map.Entry<String, Class<?>> c : schema.choices(slot).entrySet()) {
      if (c.getValue().getRecordComponents().length == 0) {
        continue;
      }
      Doc doc = c.getValue().getAnnotation(Doc.class);
      sb.append(indent)
          .append("# --- ")
          .append(c.getKey())
          .append(" takes options: {type: ")
          .append(c.getKey())
          .append(", ...}")
          .append(doc == null ? "" : ": " + doc.value())
          .append('\n');
      record(sb, c.getValue(), indent, true);
    }
  }

  private String typeText(ConfigSchema.Key k) {
    if (k.slot() != null) {
      return "one of " + schema.choices(k.slot()).keySet();
    }
    String text = schema.describe(k.type());
    Range r = k.range();
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

  private static String comment(String text) {
    return text.isBlank() ? "" : "    # " + text;
  }

  private static String defaultType(Object v) {
    if (v instanceof Map<?, ?> m && m.get("type") != null) {
      return String.valueOf(m.get("type"));
    }
    return v instanceof String s ? s : null;
  }

  // ----- JSON Schema -----

  public String jsonSchema() {
    ObjectNode root = recordSchema(ExperimentConfig.class, null);
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$id", "https://ablate.org/schema/experiment.json");
    root.put("title", "Ablate experiment");
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A record's schema; {@code typeName} adds the {@code type} key of a section or component. */
  private ObjectNode recordSchema(Class<?> type, String typeName) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", "object");
    Doc doc = type.getAnnotation(Doc.class);
    if (doc != null) {
      node.put("description", doc.value());
    }
    ObjectNode props = node.putObject("properties");
    ArrayNode required = JSON.createArrayNode();
    if (typeName != null) {
      props.putObject("type").put("const", typeName);
      required.add("type");
    }
    for (ConfigSchema.Key k : schema.keys(type)) {
      ObjectNode p = schemaOf(k.type(), k.slot());
      if (!k.doc().isEmpty()) {
        p.put("description", k.doc());
      }
      Range r = k.range();
      if (r != null) {
        if (r.min() != Double.NEGATIVE_INFINITY) {
          p.put(r.exclusiveMin() ? "exclusiveMinimum" : "minimum", r.min());
        }
        if (r.max() != Double.POSITIVE_INFINITY) {
          p.put("maximum", r.max());
        }
      }
      if (k.required()) {
        required.add(k.name());
      } else {
        if (k.defaultValue() == null) {
          ArrayNode any = JSON.createArrayNode();
          any.add(p.deepCopy());
          any.addObject().put("type", "null");
          ObjectNode nullable = JSON.createObjectNode();
          nullable.set("anyOf", any);
          if (!k.doc().isEmpty()) {
            nullable.put("description", k.doc());
          }
          p = nullable;
        }
        p.set("default", JSON.valueToTree(k.defaultValue()));
      }
      props.set(k.name(), p);
    }
    if (!required.isEmpty()) {
      node.set("required", required);
    }
    node.put("additionalProperties", false);
    return node;
  }

  private ObjectNode schemaOf(Type generic, Slot slot) {
    Class<?> t = rawClass(generic);
    ObjectNode n = JSON.createObjectNode();
    if (t == String.class) {
      n.put("type", "string");
    } else if (t == Choice.class && slot != null) {
      // a bare name, or {type: NAME} with the options of that component (if it has any)
      ArrayNode names = JSON.createArrayNode();
      ArrayNode any = n.putArray("anyOf");
      any.addObject().put("type", "string").set("enum", names);
      ObjectNode plain = any.addObject().put("type", "object").put("additionalProperties", false);
      ArrayNode plainNames = plain.putObject("properties").putObject("type").putArray("enum");
      plain.putArray("required").add("type");
      schema
          .choices(slot)
          .forEach(
              (name, config) -> {
                names.add(name);
                if (config.getRecordComponents().length == 0) {
                  plainNames.add(name);
                } else {
                  any.add(recordSchema(config, name));
                }
              });
    } else if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
      n.put("type", "integer");
    } else if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
      n.put("type", "number");
    } else if (t == boolean.class || t == Boolean.class) {
      n.put("type", "boolean");
    } else if (t.isEnum()) {
      ArrayNode e = n.putArray("enum");
      ConfigSchema.enumNames(t).forEach(e::add);
    } else if (t == List.class) {
      n.put("type", "array");
      n.set("items", schemaOf(((ParameterizedType) generic).getActualTypeArguments()[0], null));
    } else if (t == Map.class) {
      n.put("type", "object");
      n.set(
          "additionalProperties",
          schemaOf(((ParameterizedType) generic).getActualTypeArguments()[1], null));
    } else if (t.isRecord() && t != Choice.class) {
      return recordSchema(t, null);
    } else if (schema.sectionSlot(t).isPresent()) {
      ArrayNode one = n.putArray("oneOf");
      schema.variants(t).forEach((name, v) -> one.add(recordSchema(v, name)));
    }
    return n;
  }

  private static Class<?> rawClass(Type generic) {
    return generic instanceof ParameterizedType pt
        ? (Class<?>) pt.getRawType()
        : (Class<?>) generic;
  }
}
