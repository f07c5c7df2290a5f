package org.ablate.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.Map;
import org.ablate.core.config.ConfigSchema;
import org.ablate.experiments.config.ConfigDocs;
import org.ablate.experiments.config.ExperimentConfig;
import org.junit.jupiter.api.Test;

/**
 * configs/reference.yaml and configs/ablate.schema.json are generated from the records and stay in
 * sync.
 */
class ConfigDocsTest {
  private final ConfigDocs docs = new ConfigDocs(Tests.ABLATE.registry());

  @Test
  void committedReferenceAndSchemaMatchTheRecords() throws Exception {
    String hint = " is out of date: regenerate it with ./ablate schema";
    assertEquals(
        docs.referenceYaml(),
        Files.readString(Repo.root().resolve("configs/reference.yaml")),
        "configs/reference.yaml" + hint + " --reference");
    assertEquals(
        docs.jsonSchema(),
        Files.readString(Repo.root().resolve("configs/ablate.schema.json")),
        "configs/ablate.schema.json" + hint);
  }

  @Test
  void theReferenceDocumentsEveryKey() {
    String reference = docs.referenceYaml();
    for (String path :
        new ConfigSchema(Tests.ABLATE.registry()).knownPaths(ExperimentConfig.class)) {
      String leaf = path.substring(path.lastIndexOf('.') + 1);
      assertTrue(reference.contains(leaf + ":"), "reference.yaml lacks " + path);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSchemaDescribesSectionsAndRejectsUnknownKeys() throws Exception {
    Map<String, Object> schema = new ObjectMapper().readValue(docs.jsonSchema(), Map.class);
    Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
    assertTrue(
        properties
            .keySet()
            .containsAll(
                java.util.List.of("name", "data", "model", "training", "eval", "cluster")));
    assertEquals(false, schema.get("additionalProperties"));
    assertTrue(
        ((Map<String, Object>) properties.get("model")).containsKey("oneOf"), "model variants");
  }
}
