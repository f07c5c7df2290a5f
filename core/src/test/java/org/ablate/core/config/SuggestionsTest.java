package org.ablate.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  @Test
  void findsTyposAndTranspositions() {
    assertEquals("heads", Suggestions.closest("haeds", List.of("heads", "d_model")).orElseThrow());
    assertEquals(
        "d_model", Suggestions.closest("dmodel", List.of("heads", "d_model")).orElseThrow());
  }

  @Test
  void staysQuietWhenNothingIsClose() {
    assertTrue(Suggestions.closest("optimizer", List.of("heads", "d_model")).isEmpty());
  }

  @Test
  void editDistanceIsDamerauLevenshtein() {
    assertEquals(1, Suggestions.distance("ab", "ba"));
    assertEquals(3, Suggestions.distance("kitten", "sitting"));
  }
}
