package org.ablate.training.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScheduleTest {
  @Test
  void inverseSqrtRisesLinearlyThenDecays() {
    InverseSqrtSchedule s = new InverseSqrtSchedule(100);
    assertEquals(0.01, s.factor(1, 1000), 1e-12);
    assertEquals(0.5, s.factor(50, 1000), 1e-12);
    assertEquals(1.0, s.factor(100, 1000), 1e-12);
    assertEquals(0.5, s.factor(400, 1000), 1e-12); // sqrt(100 / 400)
  }

  @Test
  void inverseSqrtEqualsThePaperFormulaWithItsPeak() {
    int d = 512;
    int warmup = 4000;
    double peak = Math.pow((double) d * warmup, -0.5);
    InverseSqrtSchedule s = new InverseSqrtSchedule(warmup);
    for (long step : new long[] {1, 1000, 4000, 10000, 100000}) {
      double paper =
          Math.pow(d, -0.5) * Math.min(Math.pow(step, -0.5), step * Math.pow(warmup, -1.5));
      assertEquals(paper, peak * s.factor(step, 0), 1e-12);
    }
  }

  @Test
  void cosineEndsAtItsFloor() {
    CosineSchedule s = new CosineSchedule(10, 0.1);
    assertEquals(0.5, s.factor(5, 110), 1e-12);
    assertEquals(1.0, s.factor(10, 110), 1e-12);
    assertEquals(0.55, s.factor(60, 110), 1e-12); // half way: 0.1 + 0.9 * 0.5
    assertEquals(0.1, s.factor(110, 110), 1e-12);
  }

  @Test
  void constantWarmsUp() {
    assertEquals(0.25, new ConstantSchedule(4).factor(1, 10), 1e-12);
    assertEquals(1.0, new ConstantSchedule(0).factor(1, 10), 1e-12);
  }

  @Test
  void budgetClockFollowsWhicheverIsFurtherAlong() {
    // 1000 steps or 10 minutes: at step 100 after 5 minutes the schedule is read at step 500.
    assertEquals(500, ScheduleClock.BUDGET.scheduleStep(100, 1000, 300, 10.0));
    // ahead of the clock: the step itself
    assertEquals(700, ScheduleClock.BUDGET.scheduleStep(700, 1000, 300, 10.0));
    // past the budget: the last step, where a cosine reaches its floor
    assertEquals(1000, ScheduleClock.BUDGET.scheduleStep(100, 1000, 900, 10.0));
    assertEquals(0.0, new CosineSchedule(10, 0).factor(1000, 1000), 1e-12);
    // the step clock, or no budget: the step
    assertEquals(100, ScheduleClock.STEPS.scheduleStep(100, 1000, 300, 10.0));
    assertEquals(100, ScheduleClock.BUDGET.scheduleStep(100, 1000, 300, null));
  }
}
