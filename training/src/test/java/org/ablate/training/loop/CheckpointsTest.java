package org.ablate.training.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ablate.core.testing.Tf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Session;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class CheckpointsTest {
  @Test
  void restoresTheNewestGoodCheckpointAndSkipsACorruptOne(@TempDir Path dir) throws Exception {
    try (Tf tf = new Tf()) {
      Variable<TFloat32> w =
          tf.context.tf().withName("w").variable(tf.context.tf().constant(new float[] {1, 2}));
      var setTo = tf.context.tf().placeholder(TFloat32.class);
      var assign = tf.context.tf().assign(w, setTo);
      Checkpoints checkpoints = new Checkpoints(dir, 3);
      try (Session s = new Session(tf.graph)) {
        s.initialize();
        for (int step = 1; step <= 3; step++) {
          try (TFloat32 v = TFloat32.vectorOf(step, step)) {
            s.runner().feed(setTo, v).addTarget(assign).run();
          }
          checkpoints.save(s, step * 100L, Map.of("step", step * 100L));
        }
        assertEquals(
            List.of(300L, 200L, 100L),
            checkpoints.valid().stream().map(Checkpoints.Entry::step).toList());
        // Truncate the newest checkpoint's data file: it must be detected and skipped.
        Path newest = dir.resolve("step-00000300");
        try (Stream<Path> files = Files.list(newest)) {
          Path data =
              files
                  .filter(p -> p.getFileName().toString().startsWith("ckpt.data"))
                  .findFirst()
                  .orElseThrow();
          Files.write(data, new byte[] {1, 2, 3});
        }
        List<String> skipped = new ArrayList<>();
        var restored = checkpoints.restoreLatest(s, skipped);
        assertEquals(200L, restored.orElseThrow().step());
        assertEquals(1, skipped.size());
        assertTrue(skipped.get(0).contains("step-00000300"), skipped.get(0));
        try (var r = s.runner().fetch(w).run()) {
          assertEquals(2f, ((TFloat32) r.get(0)).getFloat(0));
        }
      }
    }
  }

  @Test
  void keepsOnlyTheNewestAndLeavesNoTemporaryFolders(@TempDir Path dir) throws Exception {
    try (Tf tf = new Tf()) {
      tf.context.tf().withName("w").variable(tf.context.tf().constant(new float[] {1}));
      Checkpoints checkpoints = new Checkpoints(dir, 2);
      try (Session s = new Session(tf.graph)) {
        s.initialize();
        for (long step = 1; step <= 4; step++) {
          Checkpoints.Entry e = checkpoints.save(s, step, Map.of("step", step));
          if (step == 2) {
            checkpoints.markBest(e);
          }
        }
      }
      try (Stream<Path> files = Files.list(dir)) {
        assertEquals(
            List.of("best", "step-00000003", "step-00000004"),
            files.map(p -> p.getFileName().toString()).sorted().toList());
      }
      assertEquals(2L, checkpoints.best().orElseThrow().step());
    }
  }
}
