package org.ablate.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTreeTest {
  @Test
  void remembersTheLineOfEveryValue() {
    ConfigTree tree = ConfigTree.parse("name: x\nmodel:\n  d_model: 64\n  heads: 4\n", "exp.yaml");
    assertEquals(new Origin("exp.yaml", 3), tree.origin("model.d_model"));
    assertEquals(new Origin("exp.yaml", 4), tree.origin("model.heads"));
    assertEquals(64L, tree.get("model.d_model").orElseThrow());
  }

  @Test
  void parsesYamlScalarTypes() {
    ConfigTree tree =
        ConfigTree.parse("a: 1\nb: 3e-4\nc: true\nd: text\ne: null\nf: [1, 2]\n", "t");
    assertEquals(1L, tree.get("a").orElseThrow());
    assertEquals(3e-4, tree.get("b").orElseThrow());
    assertEquals(true, tree.get("c").orElseThrow());
    assertEquals("text", tree.get("d").orElseThrow());
    assertFalse(tree.get("e").isPresent());
    assertEquals(List.of(1L, 2L), tree.get("f").orElseThrow());
  }

  @Test
  void rightmostWinsAndMappingsMergeKeyByKey() {
    ConfigTree base = ConfigTree.parse("model:\n  d_model: 64\n  heads: 4\n", "base.yaml");
    ConfigTree over = ConfigTree.parse("model:\n  heads: 8\n", "over.yaml");
    ConfigTree merged = base.merge(over);
    assertEquals(64L, merged.get("model.d_model").orElseThrow());
    assertEquals(8L, merged.get("model.heads").orElseThrow());
    assertEquals("over.yaml", merged.origin("model.heads").source());
    assertEquals("base.yaml", merged.origin("model.d_model").source());
  }

  @Test
  void aNewTypeReplacesTheWholeMapping() {
    ConfigTree base = ConfigTree.parse("schedule:\n  type: cosine\n  min_ratio: 0.1\n", "a");
    ConfigTree over = ConfigTree.parse("schedule:\n  type: constant\n", "b");
    Map<?, ?> schedule = (Map<?, ?>) base.merge(over).get("schedule").orElseThrow();
    assertEquals(Map.of("type", "constant"), schedule);
  }

  @Test
  void overridesParseValuesAsYaml() {
    ConfigTree tree = ConfigTree.override("training.optimizer.lr=3e-4");
    assertEquals(3e-4, tree.get("training.optimizer.lr").orElseThrow());
    assertTrue(tree.origin("training.optimizer.lr").source().startsWith("--set"));
    assertEquals(
        List.of(8L, 16L), ConfigTree.override("x.buckets=[8, 16]").get("x.buckets").orElseThrow());
  }

  @Test
  void rejectsAnOverrideWithoutEquals() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigTree.override("model.heads"));
    assertTrue(e.getMessage().contains("key.path=value"), e.getMessage());
  }

  @Test
  void malformedYamlNamesFileAndLine() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> ConfigTree.parse("a: 1\nb: [1, 2\nc: 3\n", "bad.yaml"));
    assertTrue(e.getMessage().startsWith("bad.yaml:"), e.getMessage());
    assertTrue(e.getMessage().contains("malformed YAML"), e.getMessage());
  }

  @Test
  void duplicateKeysAreErrors() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigTree.parse("a: 1\na: 2\n", "dup.yaml"));
    assertTrue(e.getMessage().contains("dup.yaml:2"), e.getMessage());
  }

  @Test
  void topLevelMustBeAMapping() {
    assertThrows(ConfigException.class, () -> ConfigTree.parse("- a\n- b\n", "list.yaml"));
  }

  private static String loadError(java.nio.file.Path file) {
    return assertThrows(ConfigException.class, () -> ConfigTree.load(file)).getMessage();
  }

  @Test
  void filesThatAreNotConfigsGetTheirOwnMessage(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path empty =
        java.nio.file.Files.writeString(dir.resolve("empty.yaml"), "# nothing\n\n");
    assertTrue(loadError(empty).contains("empty.yaml is empty"), loadError(empty));
    java.nio.file.Path latin1 = dir.resolve("latin1.yaml");
    java.nio.file.Files.write(
        latin1, "name: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertTrue(
        loadError(latin1).contains("is not UTF-8 text (byte 0xE9 at line 1)"), loadError(latin1));
    assertTrue(loadError(dir).contains("is a folder"), loadError(dir));
    assertTrue(loadError(dir.resolve("nope.yaml")).contains("does not exist"));
  }

  @Test
  void anAliasInsideItsOwnAnchorIsRefused() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigTree.parse("a: &x [1, *x]\n", "loop.yaml"));
    assertTrue(e.getMessage().contains("loop.yaml:1: 'a[1]' refers to itself"), e.getMessage());
  }

  @Test
  void deepNestingIsRefusedBeforeTheParserRecurses() {
    String deep = "a: " + "[".repeat(200_000) + "]".repeat(200_000) + "\n";
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigTree.parse(deep, "deep.yaml"));
    assertTrue(
        e.getMessage().contains("deep.yaml:1: lists and mappings are nested more than 64 deep"),
        e.getMessage());
  }

  @Test
  void yamlTagsOtherThanPlainValuesAreRefused() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> ConfigTree.parse("name: !!binary aGVsbG8=\n", "t.yaml"));
    assertTrue(e.getMessage().contains("t.yaml:1: 'name' has the YAML tag"), e.getMessage());
    e =
        assertThrows(
            ConfigException.class, () -> ConfigTree.parse("s: !!set {a: null}\n", "t.yaml"));
    assertTrue(e.getMessage().contains("'s' has the YAML tag"), e.getMessage());
  }

  @Test
  void anOverrideNeedsAValue() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigTree.override("name="));
    assertTrue(e.getMessage().contains("--set name= gives no value"), e.getMessage());
    assertEquals("", ConfigTree.override("name=\"\"").get("name").orElseThrow());
  }

  @Test
  void aMalformedOverrideValueIsCalledThatNotAFileError() {
    for (String bad : new String[] {"x.y=*nowhere", "x.y=[1, 2", "x.y='open"}) {
      ConfigException e = assertThrows(ConfigException.class, () -> ConfigTree.override(bad));
      assertTrue(
          e.getMessage().startsWith("--set " + bad + ": the value is not valid YAML (")
              && e.getMessage().contains("quote text"),
          e.getMessage());
      assertFalse(e.getMessage().contains("indentation"), e.getMessage());
    }
  }
}
