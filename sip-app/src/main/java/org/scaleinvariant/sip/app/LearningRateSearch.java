package org.scaleinvariant.sip.app;

import java.util.ArrayList;
import java.util.List;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.nn.TrainingConfig;
import org.scaleinvariant.sip.nn.TrainingResult;

/**
 * The fair learning-rate choice of {@code compare} and {@code sweep} ({@code --lr auto}): every
 * method trains once per point of a log-spaced grid of learning rates, on a short budget, and is
 * measured on the <em>validation</em> set (its own seed, {@link
 * org.scaleinvariant.sip.nn.Trainer#VALIDATION_SET_SEED}; the test set never chooses). The learning
 * rate with the smallest final validation x-distance wins (the y-loss where the problem has no
 * x-metric); diverged runs are excluded; if all diverge, the smallest learning rate is taken.
 */
final class LearningRateSearch {
  /** Smallest learning rate of the default grid, {@value}. */
  static final double DEFAULT_MIN = 1e-6;
  /** Largest learning rate of the default grid, {@value}. */
  static final double DEFAULT_MAX = 1e-1;
  /** Points of the default grid, {@value} (two per decade from 1e-6 to 1e-1). */
  static final int DEFAULT_POINTS = 11;
  /** Default training steps per grid point, {@value} (at most the run's own steps). */
  static final int DEFAULT_STEPS = 500;

  /** A log-spaced grid: {@code points} values from {@code min} to {@code max} inclusive. */
  record Grid(double min, double max, int points) {
    /**
     * Checks the grid.
     *
     * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} unless 0 &lt; min ≤ max and points ≥ 1
     *     (min = max needs points = 1)
     */
    Grid {
      if (!(min > 0) || !(max >= min) || !Double.isFinite(max) || points < 1 || (points > 1 && max == min)) {
        throw new SipException(
            ErrorCode.INVALID_ARGUMENT,
            "--lr-grid = " + min + "," + max + "," + points
                + " is not allowed; allowed: MIN,MAX,POINTS with 0 < MIN < MAX and POINTS >= 2 (or MIN = MAX, POINTS = 1)");
      }
    }

    /**
     * Parses {@code MIN,MAX,POINTS}.
     *
     * @param text the text
     * @return the grid
     */
    static Grid parse(String text) {
      String[] parts = text.split(",", -1);
      if (parts.length != 3) {
        throw new SipException(
            ErrorCode.INVALID_ARGUMENT, "--lr-grid = '" + text + "' is not allowed; allowed: MIN,MAX,POINTS, e.g. 1e-6,1e-1,11");
      }
      return new Grid(
          TrainingOptions.positive("--lr-grid MIN", parts[0]),
          TrainingOptions.positive("--lr-grid MAX", parts[1]),
          TrainingOptions.integer("--lr-grid POINTS", parts[2], 1));
    }

    /**
     * The learning rates, ascending.
     *
     * @return the values
     */
    double[] values() {
      double[] values = new double[points];
      double logMin = Math.log10(min);
      double logMax = Math.log10(max);
      for (int i = 0; i < points; i++) {
        values[i] = points == 1 ? min : Math.pow(10, logMin + (logMax - logMin) * i / (points - 1));
      }
      return values;
    }
  }

  /** One grid point's outcome. */
  record Point(double learningRate, TrainingResult result) {
    /**
     * The selection score: final validation goal distance (rollout problems) or x-distance, else
     * y-loss; +∞ if diverged.
     *
     * @return the score, smaller is better
     */
    double score() {
      if (result.diverged()) {
        return Double.POSITIVE_INFINITY;
      }
      double x = result.metric();
      double value = Double.isNaN(x) ? result.testYLoss() : x;
      return Double.isFinite(value) ? value : Double.POSITIVE_INFINITY;
    }
  }

  /** The search of one method in one setting. */
  record Choice(double learningRate, List<Point> points) {}

  private LearningRateSearch() {}

  /**
   * The configuration of one grid point: the run's settings with the grid's learning rate, a short
   * budget and the validation set.
   *
   * @param config the run's configuration (method already set)
   * @param learningRate the grid value
   * @param steps the budget
   * @return the configuration
   */
  static TrainingConfig gridConfig(TrainingConfig config, double learningRate, int steps) {
    return config.toBuilder()
        .learningRate(learningRate)
        .steps(Math.min(steps, config.steps()))
        .evalEvery(0)
        .timeLimitSeconds(Double.POSITIVE_INFINITY)
        .evaluationSet(TrainingConfig.EvaluationSet.VALIDATION)
        .build();
  }

  /**
   * Picks the best grid point.
   *
   * @param points the grid points, ascending in learning rate
   * @return the choice
   */
  static Choice choose(List<Point> points) {
    Point best = points.get(0);
    for (Point p : points) {
      if (p.score() < best.score()) {
        best = p;
      }
    }
    return new Choice(best.learningRate(), new ArrayList<>(points));
  }
}
