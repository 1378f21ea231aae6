package org.scaleinvariant.sip.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.app.sweep.LearningRateSearch;
import org.scaleinvariant.sip.nn.TrainingConfig;

class LearningRateSearchTests {

  @Test
  void defaultGridHasTwoPointsPerDecadeFromMinToMax() {
    double[] values = LearningRateOptions.parseGrid("1e-6,1e-1,11").values();
    double[] expected = new double[11];
    for (int i = 0; i < 11; i++) {
      expected[i] = Math.pow(10, -6 + 0.5 * i); // 1e-6, 3.16e-6, 1e-5, ..., 1e-1
    }
    assertArrayEquals(expected, values, 1e-18);
    assertEquals(1e-1, values[10], 1e-17);
    assertArrayEquals(new double[] {0.01}, new LearningRateSearch.Grid(0.01, 0.01, 1).values(), 0);
  }

  @Test
  void invalidGridsAreRejected() {
    assertThrows(SipException.class, () -> LearningRateOptions.parseGrid("1e-1,1e-6,11"));
    assertThrows(SipException.class, () -> LearningRateOptions.parseGrid("0,1e-1,11"));
    assertThrows(SipException.class, () -> LearningRateOptions.parseGrid("1e-3,1e-1"));
    assertThrows(SipException.class, () -> LearningRateOptions.parseGrid("1e-3,1e-3,2"));
  }

  private static LearningRateSearch.Point point(double learningRate, double xDistance, double yLoss, boolean diverged) {
    return new LearningRateSearch.Point(learningRate, 10, xDistance, yLoss, diverged);
  }

  @Test
  void theSmallestValidationXDistanceWinsAndDivergedRunsAreExcluded() {
    LearningRateSearch.Choice choice =
        LearningRateSearch.choose(
            List.of(
                point(1e-4, 0.5, 1, false),
                point(1e-3, 0.1, 9, false),
                point(1e-2, 0.01, 0, true),
                point(1e-1, 0.3, 0, false)));
    assertEquals(1e-3, choice.learningRate());
    assertEquals(4, choice.points().size(), "every grid point is kept for the report");
  }

  @Test
  void withoutAnXMetricTheYLossDecides() {
    LearningRateSearch.Choice choice =
        LearningRateSearch.choose(
            List.of(
                point(1e-4, Double.NaN, 2, false),
                point(1e-3, Double.NaN, 1, false)));
    assertEquals(1e-3, choice.learningRate());
  }

  @Test
  void gridRunsUseTheValidationSetAndAShortBudget() {
    TrainingConfig config = TrainingConfig.builder().steps(3000).timeLimitSeconds(600).build();
    TrainingConfig grid = LearningRateSearch.gridConfig(config, 3e-4, 500);
    assertEquals(500, grid.steps());
    assertEquals(3e-4, grid.learningRate());
    assertEquals(TrainingConfig.EvaluationSet.VALIDATION, grid.evaluationSet());
    assertEquals(Double.POSITIVE_INFINITY, grid.timeLimitSeconds());
    assertEquals(100, LearningRateSearch.gridConfig(config.toBuilder().steps(100).build(), 1e-3, 500).steps());
  }
}
