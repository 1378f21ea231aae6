package org.scaleinvariant.sip.app.sweep;

import org.scaleinvariant.sip.nn.CurvePoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.app.report.Json;
import org.scaleinvariant.sip.nn.TrainingConfig;
import org.scaleinvariant.sip.nn.TrainingResult;

/**
 * The fair learning-rate choice of {@code compare} and {@code sweep} ({@code --lr auto}): every
 * method trains once per point of a log-spaced grid of learning rates, on a short budget, and is
 * measured on the <em>validation</em> set (its own seed, {@link
 * org.scaleinvariant.sip.nn.Trainer#VALIDATION_SET_SEED}; the test set never chooses). The learning
 * rate with the smallest final validation x-distance wins (the y-loss where the problem has no
 * x-metric); diverged runs, and runs that failed, are excluded; if all are excluded, the smallest
 * learning rate is taken.
 *
 * <p>Every grid run is seeded like any other run, so the choice is deterministic, wherever the grid
 * runs execute (in this process or on a Spark cluster).
 */
public final class LearningRateSearch {
  /** Smallest learning rate of the default grid, {@value}. */
  public static final double DEFAULT_MIN = 1e-6;
  /** Largest learning rate of the default grid, {@value}. */
  public static final double DEFAULT_MAX = 1e-1;
  /** Points of the default grid, {@value} (two per decade from 1e-6 to 1e-1). */
  public static final int DEFAULT_POINTS = 11;
  /** Default training steps per grid point, {@value} (at most the run's own steps). */
  public static final int DEFAULT_STEPS = 500;

  /** How the learning rate of each method is chosen. */
  public enum Mode {
    /** The grid search on the validation set. */
    AUTO,
    /** The problem's recommendation, else the optimizer's default. */
    DEFAULT,
    /** A given value. */
    GIVEN;

    /**
     * The mode as written in reports: {@code auto}, {@code default} or {@code given}.
     *
     * @return the id
     */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A log-spaced grid: {@code points} values from {@code min} to {@code max} inclusive.
   *
   * @param min the smallest learning rate, &gt; 0
   * @param max the largest learning rate, ≥ min
   * @param points the number of values, ≥ 1 (1 needs min = max)
   */
  public record Grid(double min, double max, int points) {
    /**
     * Checks the grid.
     *
     * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} unless 0 &lt; min ≤ max and points ≥ 1
     *     (min = max needs points = 1)
     */
    public Grid {
      if (!(min > 0) || !(max >= min) || !Double.isFinite(max) || points < 1 || (points > 1 && max == min)) {
        throw new SipException(
            ErrorCode.INVALID_ARGUMENT,
            "--lr-grid = " + min + "," + max + "," + points
                + " is not allowed; allowed: MIN,MAX,POINTS with 0 < MIN < MAX and POINTS >= 2 (or MIN = MAX, POINTS = 1)");
      }
    }

    /**
     * The learning rates, ascending.
     *
     * @return the values
     */
    public double[] values() {
      double[] values = new double[points];
      double logMin = Math.log10(min);
      double logMax = Math.log10(max);
      for (int i = 0; i < points; i++) {
        values[i] = points == 1 ? min : Math.pow(10, logMin + (logMax - logMin) * i / (points - 1));
      }
      return values;
    }
  }

  /**
   * One grid point's outcome, measured on the validation set.
   *
   * @param learningRate the grid value
   * @param steps the iterations the grid run completed
   * @param xDistance its final validation x-distance (NaN if unknown or the run failed)
   * @param yLoss its final validation y-loss (NaN if the run failed)
   * @param diverged whether the grid run diverged
   */
  public record Point(
      double learningRate, int steps, double xDistance, double yLoss, boolean diverged, double goalDistance) {
    /**
     * A point of a problem without a goal distance.
     *
     * @param learningRate the grid value
     * @param steps the steps the grid run completed
     * @param xDistance its final validation x-distance
     * @param yLoss its final validation y-loss
     * @param diverged whether it diverged
     */
    public Point(double learningRate, int steps, double xDistance, double yLoss, boolean diverged) {
      this(learningRate, steps, xDistance, yLoss, diverged, Double.NaN);
    }

    /**
     * The point of a grid run that ran in this process.
     *
     * @param learningRate the grid value
     * @param result the grid run
     * @return the point
     */
    public static Point of(double learningRate, TrainingResult result) {
      return new Point(learningRate, result.steps(), result.testXDistance(), result.testYLoss(), result.diverged(),
          result.testGoalDistance());
    }

    /**
     * The point of a grid run that ran on an engine; a failed run has NaN metrics, so it is never
     * chosen.
     *
     * @param learningRate the grid value
     * @param result the grid run
     * @return the point
     */
    public static Point of(double learningRate, RunResult result) {
      List<CurvePoint> curve = result.curve();
      double goal = curve.isEmpty() ? Double.NaN : curve.get(curve.size() - 1).testGoalDistance();
      return new Point(learningRate, result.steps(), result.testXDistance(), result.testYLoss(), result.diverged(),
          goal);
    }

    /**
     * The point as reported in JSON: {@code lr}, {@code validationXDistance}, {@code validationYLoss}
     * (null if not finite) and {@code diverged}.
     *
     * @return a new object
     */
    public ObjectNode toJson() {
      ObjectNode node = Json.object();
      Json.putNumber(node, "lr", learningRate);
      Json.putNumber(node, "validationXDistance", xDistance);
      if (!Double.isNaN(goalDistance)) {
        Json.putNumber(node, "validationGoalDistance", goalDistance);
      }
      Json.putNumber(node, "validationYLoss", yLoss);
      node.put("diverged", diverged);
      return node;
    }

    /**
     * The selection score: final validation goal distance (rollout problems), else x-distance, else
     * y-loss; +∞ if diverged or not finite.
     *
     * @return the score, smaller is better
     */
    public double score() {
      if (diverged) {
        return Double.POSITIVE_INFINITY;
      }
      double value = !Double.isNaN(goalDistance) ? goalDistance : Double.isNaN(xDistance) ? yLoss : xDistance;
      return Double.isFinite(value) ? value : Double.POSITIVE_INFINITY;
    }
  }

  /**
   * The search of one method in one setting.
   *
   * @param learningRate the chosen learning rate
   * @param points every grid point, ascending in learning rate
   */
  public record Choice(double learningRate, List<Point> points) {}

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
  public static TrainingConfig gridConfig(TrainingConfig config, double learningRate, int steps) {
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
  public static Choice choose(List<Point> points) {
    Point best = points.get(0);
    for (Point p : points) {
      if (p.score() < best.score()) {
        best = p;
      }
    }
    return new Choice(best.learningRate(), new ArrayList<>(points));
  }
}
