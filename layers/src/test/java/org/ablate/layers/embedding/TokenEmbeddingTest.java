package org.ablate.layers.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ablate.core.graph.CallScope;
import org.ablate.core.testing.Tf;
import org.junit.jupiter.api.Test;

class TokenEmbeddingTest {
  @Test
  void scalesLookupsBySqrtDModelAndTiesTheOutputProjection() {
    try (Tf tf = new Tf()) {
      TokenEmbedding e = new TokenEmbedding("embedding", 5, 4, true);
      e.build(tf.context.params());
      float[] table = tf.run(e.allParams().get(0).variable());
      CallScope cs = tf.context.call("c", false);
      float[] row = tf.run(e.call(cs, tf.ids(new int[][] {{3}}, false)));
      for (int j = 0; j < 4; j++) {
        assertEquals(table[3 * 4 + j] * 2f, row[j], 1e-6f);
      }
      float[] logits = tf.run(e.logits(cs, tf.input(new float[][] {{1, 0, 0, 0}})));
      assertArrayEquals(
          new float[] {table[0], table[4], table[8], table[12], table[16]}, logits, 1e-6f);
    }
  }
}
