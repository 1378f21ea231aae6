package org.scaleinvariant.sip.app.report;

import java.util.Objects;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * The path of one network-free optimisation of a two-dimensional x through a loss landscape: the
 * start x₀ and the point after each iteration.
 *
 * <p>{@code points} has shape [K + 1, 2] (row-major: x_k = (points[2k], points[2k + 1])) and {@code
 * losses} shape [K + 1] with {@code losses[k] = L(x_k)}, where K = {@link #iterations()} is the number
 * of iterations completed. A trajectory that {@link #diverged()} stopped before the first iteration
 * whose x or loss was not finite; all its points are finite. Arrays are not copied: callers must not
 * modify them after construction.
 *
 * @param method the method's id: {@code gd}, {@code adam} or {@code solver}
 * @param label the legend text, e.g. {@code "GD, lr 1.0e-05"}
 * @param stepSize the learning rate (gd, adam) or η (solver)
 * @param points x₀ … x_K, shape [K + 1, 2]
 * @param losses L(x₀) … L(x_K), shape [K + 1]
 * @param diverged whether the optimisation stopped at a non-finite x or loss
 * @param closestSolution the exact solution closest to x_K, shape [2], or null if the problem does
 *     not know its exact solutions
 */
public record Trajectory(
    String method,
    String label,
    double stepSize,
    double[] points,
    double[] losses,
    boolean diverged,
    double[] closestSolution) {

  /**
   * Checks the shapes.
   *
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if {@code points.length != 2·losses.length},
   *     there is no point, or {@code closestSolution} is not of length 2
   */
  public Trajectory {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(label, "label");
    if (losses.length == 0 || points.length != 2 * losses.length) {
      throw new SipException(
          ErrorCode.SHAPE_MISMATCH,
          "trajectory '" + method + "' has " + points.length + " coordinates for " + losses.length
              + " losses; expected 2 per loss and at least one point");
    }
    if (closestSolution != null && closestSolution.length != 2) {
      throw new SipException(
          ErrorCode.SHAPE_MISMATCH,
          "closest solution of trajectory '" + method + "' has " + closestSolution.length + " values; expected 2");
    }
  }

  /**
   * The number K of iterations completed.
   *
   * @return {@code losses.length − 1}
   */
  public int iterations() {
    return losses.length - 1;
  }

  /**
   * The last point, x_K.
   *
   * @return a new array (x1, x2)
   */
  public double[] end() {
    int k = iterations();
    return new double[] {points[2 * k], points[2 * k + 1]};
  }

  /**
   * The loss at the last point, L(x_K).
   *
   * @return the loss
   */
  public double endLoss() {
    return losses[iterations()];
  }

  /**
   * The Euclidean distance of the last point to the closest exact solution, {@code ‖x_K − x*‖₂}.
   *
   * @return the distance, or NaN if the exact solutions are unknown
   */
  public double xDistance() {
    if (closestSolution == null) {
      return Double.NaN;
    }
    int k = iterations();
    return Math.hypot(points[2 * k] - closestSolution[0], points[2 * k + 1] - closestSolution[1]);
  }
}
