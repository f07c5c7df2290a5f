package org.ablate.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * An untyped configuration tree (maps, lists, strings, longs, doubles, booleans, nulls) that
 * remembers where every value came from. Trees from presets, files and {@code --set} arguments are
 * merged (rightmost wins) and then bound to typed records by {@link ConfigBinder}.
 *
 * <pre>{@code
 * ConfigTree tree = ConfigTree.load(Path.of("configs/copy-transformer.yaml"))
 *     .merge(ConfigTree.override("model.heads=8"));
 * }</pre>
 */
public final class ConfigTree {
  private final Map<String, Object> root;
  private final Map<String, Origin> origins;
  private boolean dottedKeys;

  private ConfigTree(Map<String, Object> root, Map<String, Origin> origins) {
    this.root = root;
    this.origins = origins;
  }

  /** The largest config file read. */
  private static final long MAX_BYTES = 1 << 20;

  /** The deepest nesting of mappings and lists a config may have. */
  private static final int MAX_DEPTH = 64;

  public static ConfigTree empty() {
    return new ConfigTree(new LinkedHashMap<>(), new LinkedHashMap<>());
  }

  /** Reads a YAML file whose top level is a mapping. */
  public static ConfigTree load(Path file) {
    return load(file, false);
  }

  /**
   * Reads a YAML file; with {@code dottedKeys}, keys such as {@code model.heads} are kept as
   * literal keys (sweep files name config keys that way) instead of being rejected.
   */
  public static ConfigTree load(Path file, boolean dottedKeys) {
    String text = read(file);
    if (text.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#"))) {
      throw new ConfigException(
          "Config file "
              + file
              + " is empty (or holds only comments); it needs at least its 'name:' and the keys it"
              + (dottedKeys
                  ? " sweeps, as in configs/sweeps/ablate-transformer-copy.yaml."
                  : " changes, as in configs/copy-transformer.yaml."));
    }
    return parse(text, file.toString(), dottedKeys);
  }

  /** A config file's text: UTF-8, of a sane size, and a regular file. */
  private static String read(Path file) {
    if (Files.isDirectory(file)) {
      throw new ConfigException(
          "Config file " + file + " is a folder; give a YAML file such as " + file + "/exp.yaml.");
    }
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new ConfigException(
          "Config file " + file + " is not a regular file (a pipe or device); save it as a file.");
    }
    try {
      if (Files.exists(file) && Files.size(file) > MAX_BYTES) {
        throw new ConfigException(
            "Config file "
                + file
                + " is "
                + Files.size(file)
                + " bytes; config files are short YAML (at most "
                + MAX_BYTES
                + " bytes). Is this the right file?");
      }
      return utf8(file, Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new ConfigException(
          "Config file "
              + file
              + " does not exist. Check the path (it is relative to "
              + cwd()
              + ").");
    } catch (IOException e) {
      throw new ConfigException("Config file " + file + " cannot be read: " + e.getMessage() + ".");
    }
  }

  /** Decodes {@code bytes} as UTF-8, or fails naming the line and byte of the first bad one. */
  private static String utf8(Path file, byte[] bytes) {
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
    java.nio.charset.CoderResult result =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
            .decode(in, out, true);
    if (result.isError()) {
      int at = in.position();
      int line = 1;
      for (int i = 0; i < at; i++) {
        line += bytes[i] == '\n' ? 1 : 0;
      }
      throw new ConfigException(
          String.format(
              Locale.ROOT,
              "Config file %s is not UTF-8 text (byte 0x%02X at line %d); save it as UTF-8 (plain"
                  + " ASCII is UTF-8 too).",
              file,
              bytes[at] & 0xFF,
              line));
    }
    return out.flip().toString();
  }

  /** Parses YAML text; {@code source} names it in error messages. */
  public static ConfigTree parse(String text, String source) {
    return parse(text, source, false);
  }

  static ConfigTree parse(String text, String source, boolean dottedKeys) {
    Node node = compose(text, source);
    ConfigTree tree = empty();
    tree.dottedKeys = dottedKeys;
    if (node == null) {
      return tree;
    }
    if (!(node instanceof MappingNode)) {
      throw new ConfigException(
          at(source, node)
              + ": the top level of a config file must be a mapping of keys to values (for example"
              + " 'model:' on its own line), not a "
              + kind(node)
              + ".");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) tree.convert(node, "", source);
    tree.root.putAll(map);
    return tree;
  }

  /** A tree holding one {@code key.path=value} override; the value is parsed as YAML. */
  public static ConfigTree override(String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw new ConfigException(
          "--set "
              + assignment
              + " is not of the form key.path=value; for example --set model.heads=8 or"
              + " --set training.optimizer.lr=3e-4.");
    }
    String key = assignment.substring(0, eq).trim();
    String valueText = assignment.substring(eq + 1).trim();
    if (!key.matches("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*")) {
      throw new ConfigException(
          "--set "
              + assignment
              + ": '"
              + key
              + "' is not a dotted key path (letters, digits, '_' separated by '.').");
    }
    if (valueText.isEmpty()) {
      throw new ConfigException(
          "--set "
              + assignment
              + " gives no value after '='; write --set "
              + key
              + "=VALUE (an empty text is --set "
              + key
              + "=\"\").");
    }
    Origin origin = Origin.commandLine(assignment);
    ConfigTree tree = empty();
    Object value = parseValue(valueText, origin);
    tree.set(key, value, origin);
    return tree;
  }

  /**
   * Parses a scalar or flow collection written in YAML ({@code 8}, {@code 3e-4}, {@code [1, 2]}).
   */
  public static Object parseValue(String text, Origin origin) {
    Node node = compose(text, origin.toString());
    if (node == null) {
      return null;
    }
    ConfigTree scratch = empty();
    return scratch.convert(node, "", origin.source());
  }

  private static Node compose(String text, String source) {
    checkNesting(text, source);
    LoadSettings settings =
        LoadSettings.builder().setAllowDuplicateKeys(false).setLabel(source).build();
    try {
      return new Compose(settings).composeString(text).orElse(null);
    } catch (StackOverflowError e) {
      throw tooDeep(source);
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
      String problem = Objects.requireNonNullElse(e.getProblem(), "malformed YAML");
      problem = problem.replace(" ()", "").trim();
      String context =
          e.getContext() == null || e.getContext().isBlank() ? "" : " (" + e.getContext() + ")";
      if (source.startsWith("--set ")) {
        throw new ConfigException(
            source
                + ": the value is not valid YAML ("
                + problem
                + context
                + "). Write numbers and words plainly, lists as [1, 2], and quote text with"
                + " YAML's special characters (: [ ] { } & * ! # ' \"), e.g. --set name='a: b'.",
            e);
      }
      throw new ConfigException(
          source
              + (line > 0 ? ":" + line : "")
              + ": malformed YAML: "
              + problem
              + context
              + ". Check indentation (spaces only), the ':' after every key, matching quotes and"
              + " brackets, and that no key appears twice in one mapping.",
          e);
    } catch (YamlEngineException e) {
      throw new ConfigException(source + ": malformed YAML: " + e.getMessage() + ".", e);
    }
  }

  /** {@code file:line} of a node, the start of a message about it. */
  private static String at(String source, Node node) {
    return source + ":" + line(node);
  }

  /** Fails fast on brackets nested deeper than {@link #MAX_DEPTH}, before the parser recurses. */
  private static void checkNesting(String text, String source) {
    int depth = 0;
    int line = 1;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        quote = 0;
      } else if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '#') {
        while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
          i++;
        }
      } else if (c == '[' || c == '{') {
        if (++depth > MAX_DEPTH) {
          throw new ConfigException(
              source
                  + ":"
                  + line
                  + ": lists and mappings are nested more than "
                  + MAX_DEPTH
                  + " deep; a config is a few levels deep, so check the brackets.");
        }
      } else if (c == ']' || c == '}') {
        depth = Math.max(0, depth - 1);
      }
    }
  }

  private static ConfigException tooDeep(String source) {
    return new ConfigException(
        source
            + ": lists and mappings are nested more than "
            + MAX_DEPTH
            + " deep (or an alias refers to itself); a config is a few levels deep.");
  }

  private Object convert(Node node, String path, String source) {
    return convert(node, path, source, new java.util.IdentityHashMap<>());
  }

  /**
   * The value of {@code node}; {@code open} holds the collections being converted, so that an alias
   * used inside its own anchor ({@code a: &x [*x]}) is reported instead of recursing forever.
   */
  private Object convert(Node node, String path, String source, Map<Node, Boolean> open) {
    if (open.containsKey(node)) {
      throw new ConfigException(
          at(source, node)
              + ": '"
              + path
              + "' refers to itself through an alias (*name inside its own &name); a config"
              + " value must be finite, so copy the values instead.");
    }
    if (open.size() > MAX_DEPTH) {
      throw tooDeep(source);
    }
    origins.put(path, new Origin(source, line(node)));
    if (!(node instanceof ScalarNode)) {
      open.put(node, true);
      try {
        return convertCollection(node, path, source, open);
      } finally {
        open.remove(node);
      }
    }
    return scalar((ScalarNode) node, path, source);
  }

  private Object convertCollection(Node node, String path, String source, Map<Node, Boolean> open) {
    if (!Tag.MAP.equals(node.getTag()) && !Tag.SEQ.equals(node.getTag())) {
      throw new ConfigException(
          at(source, node)
              + ": '"
              + path
              + "' has the YAML tag "
              + node.getTag()
              + ", which configs do not use; write a plain list or mapping.");
    }
    if (node instanceof MappingNode mapping) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        Node keyNode = tuple.getKeyNode();
        if (!(keyNode instanceof ScalarNode scalarKey)) {
          throw new ConfigException(
              at(source, keyNode) + ": keys must be plain names, not a " + kind(keyNode));
        }
        String key = scalarKey.getValue();
        if (key.contains(".") && !dottedKeys) {
          throw new ConfigException(
              at(source, keyNode)
                  + ": key '"
                  + key
                  + "' contains '.'; nest it instead (write 'a:' then an indented 'b:' for a.b).");
        }
        if (map.containsKey(key)) {
          throw new ConfigException(
              at(source, keyNode)
                  + ": key '"
                  + join(path, key)
                  + "' appears twice in the same mapping (first at line "
                  + origins.get(join(path, key)).line()
                  + "); keep one.");
        }
        map.put(key, convert(tuple.getValueNode(), join(path, key), source, open));
      }
      return map;
    }
    List<Object> list = new ArrayList<>();
    int i = 0;
    for (Node item : ((SequenceNode) node).getValue()) {
      list.add(convert(item, path + "[" + i++ + "]", source, open));
    }
    return list;
  }

  private static Object scalar(ScalarNode scalar, String path, String source) {
    String value = scalar.getValue();
    Tag tag = scalar.getTag();
    if (!STANDARD_TAGS.contains(tag)) {
      throw new ConfigException(
          at(source, scalar)
              + ": '"
              + path
              + "' has the YAML tag "
              + tag
              + ", which configs do not use; write plain text, numbers, booleans, lists or"
              + " mappings.");
    }
    if (Tag.NULL.equals(tag)) {
      return null;
    }
    if (Tag.BOOL.equals(tag)) {
      return Boolean.parseBoolean(value.toLowerCase(Locale.ROOT));
    }
    if (Tag.INT.equals(tag)) {
      try {
        return Long.decode(value.replace("_", ""));
      } catch (NumberFormatException e) {
        return value;
      }
    }
    if (Tag.FLOAT.equals(tag)) {
      String v = value.toLowerCase(Locale.ROOT);
      if (v.endsWith(".inf")) {
        return v.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
      if (v.endsWith(".nan")) {
        return Double.NaN;
      }
      return Double.parseDouble(value);
    }
    return value;
  }

  private static final java.util.Set<Tag> STANDARD_TAGS =
      java.util.Set.of(Tag.NULL, Tag.BOOL, Tag.INT, Tag.FLOAT, Tag.STR);

  private static int line(Node node) {
    return node.getStartMark().map(Mark::getLine).map(l -> l + 1).orElse(0);
  }

  private static String kind(Node node) {
    if (node instanceof MappingNode) {
      return "mapping";
    }
    return node instanceof SequenceNode ? "list" : "single value";
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String cwd() {
    return Path.of("").toAbsolutePath().toString();
  }

  /**
   * This tree with {@code over} merged on top: mappings merge key by key, anything else is
   * replaced. A mapping whose {@code type} changes is replaced whole, so a new variant never
   * inherits the keys of the old one.
   */
  public ConfigTree merge(ConfigTree over) {
    ConfigTree result = copy();
    mergeInto(result, result.root, over.root, "", over);
    return result;
  }

  @SuppressWarnings("unchecked")
  private static void mergeInto(
      ConfigTree target,
      Map<String, Object> base,
      Map<String, Object> over,
      String path,
      ConfigTree src) {
    for (Map.Entry<String, Object> e : over.entrySet()) {
      String p = join(path, e.getKey());
      Object baseValue = base.get(e.getKey());
      Object overValue = e.getValue();
      if (baseValue instanceof Map<?, ?> bm
          && overValue instanceof Map<?, ?> om
          && sameVariant((Map<String, Object>) bm, (Map<String, Object>) om)) {
        target.origins.put(p, src.origin(p));
        mergeInto(target, (Map<String, Object>) bm, (Map<String, Object>) om, p, src);
      } else {
        target.dropOrigins(p);
        base.put(e.getKey(), deepCopy(overValue));
        src.origins.forEach(
            (k, v) -> {
              if (k.equals(p) || k.startsWith(p + ".") || k.startsWith(p + "[")) {
                target.origins.put(k, v);
              }
            });
      }
    }
  }

  private static boolean sameVariant(Map<String, Object> base, Map<String, Object> over) {
    Object overType = over.get("type");
    return overType == null || Objects.equals(overType, base.get("type"));
  }

  private void dropOrigins(String path) {
    origins
        .keySet()
        .removeIf(k -> k.equals(path) || k.startsWith(path + ".") || k.startsWith(path + "["));
  }

  /** Sets a dotted path, creating intermediate mappings. */
  @SuppressWarnings("unchecked")
  public void set(String dottedPath, Object value, Origin origin) {
    String[] parts = dottedPath.split("\\.");
    Map<String, Object> map = root;
    String path = "";
    for (int i = 0; i < parts.length - 1; i++) {
      path = join(path, parts[i]);
      Object next = map.get(parts[i]);
      if (!(next instanceof Map)) {
        next = new LinkedHashMap<String, Object>();
        map.put(parts[i], next);
        origins.put(path, origin);
      }
      map = (Map<String, Object>) next;
    }
    String full = join(path, parts[parts.length - 1]);
    dropOrigins(full);
    map.put(parts[parts.length - 1], deepCopy(value));
    origins.put(full, origin);
  }

  /** Removes a dotted path if present; returns the removed value. */
  @SuppressWarnings("unchecked")
  public Object remove(String dottedPath) {
    String[] parts = dottedPath.split("\\.");
    Map<String, Object> map = root;
    for (int i = 0; i < parts.length - 1; i++) {
      Object next = map.get(parts[i]);
      if (!(next instanceof Map)) {
        return null;
      }
      map = (Map<String, Object>) next;
    }
    dropOrigins(dottedPath);
    return map.remove(parts[parts.length - 1]);
  }

  /** The value at a dotted path, if present. */
  @SuppressWarnings("unchecked")
  public Optional<Object> get(String dottedPath) {
    Object node = root;
    for (String part : dottedPath.split("\\.")) {
      if (!(node instanceof Map)) {
        return Optional.empty();
      }
      Map<String, Object> map = (Map<String, Object>) node;
      if (!map.containsKey(part)) {
        return Optional.empty();
      }
      node = map.get(part);
    }
    return Optional.ofNullable(node);
  }

  /** Where the value at a path (or its nearest ancestor) came from. */
  public Origin origin(String path) {
    String p = path;
    while (true) {
      Origin o = origins.get(p);
      if (o != null) {
        return o;
      }
      if (p.isEmpty()) {
        return Origin.DEFAULT;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut < 0 ? "" : p.substring(0, cut);
    }
  }

  /** The root mapping, read-only. */
  public Map<String, Object> root() {
    return Collections.unmodifiableMap(root);
  }

  public boolean isEmpty() {
    return root.isEmpty();
  }

  public ConfigTree copy() {
    @SuppressWarnings("unchecked")
    Map<String, Object> rootCopy = (Map<String, Object>) deepCopy(root);
    return new ConfigTree(rootCopy, new LinkedHashMap<>(origins));
  }

  /** Block-style YAML of this tree, for writing resolved configs. */
  public String toYaml() {
    return toYaml(root);
  }

  public static String toYaml(Map<String, Object> map) {
    DumpSettings settings =
        DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndent(2).build();
    return new Dump(settings).dumpToString(map);
  }

  @SuppressWarnings("unchecked")
  static Object deepCopy(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
      return copy;
    }
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>();
      l.forEach(v -> copy.add(deepCopy(v)));
      return copy;
    }
    return value;
  }

  @Override
  public String toString() {
    return toYaml();
  }
}
