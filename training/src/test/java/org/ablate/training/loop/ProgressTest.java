package org.ablate.training.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void theEtaIsThePaceTimesTheStepsLeftCappedByTheBudget() {
    // 10 s for 10 steps, 999,990 left: about 11.6 days at this pace, but the budget ends in 4 min
    assertEquals(240, Progress.eta(10, 10, 999_990, 240), 1e-9);
    assertEquals(50, Progress.eta(10, 10, 50, 240), 1e-9);
    assertEquals(999_990, Progress.eta(10, 10, 999_990, Double.POSITIVE_INFINITY), 1e-9);
    assertEquals("4m", Progress.duration(Progress.eta(10, 10, 999_990, 240)));
  }

  @Test
  void theLinePrintsTheEtaWithinTheBudget() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Progress p = new Progress("train", 0, 1_000_000, new PrintStream(out), false)) {
      p.budget(240);
      p.step(1, "loss 1.0");
    }
    String line = out.toString();
    assertTrue(line.startsWith("step 1/1000000 | loss 1.0 |"), line);
    String eta = line.substring(line.indexOf("eta ") + 4).trim();
    // whatever the machine's pace, the printed ETA is at most the 4 minutes of budget
    assertTrue(
        eta.matches("(\\d+s|[0-3]m(\\d+s)?|4m)"), "eta " + eta + " within the 4-minute budget");
  }

  @Test
  void durationsReadAsMinutesAndSeconds() {
    assertEquals("4m10s", Progress.duration(250));
    assertEquals("1h2m3s", Progress.duration(3723));
    assertEquals("0s", Progress.duration(-5));
  }
}
