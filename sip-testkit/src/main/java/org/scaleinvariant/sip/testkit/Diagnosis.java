package org.scaleinvariant.sip.testkit;

import java.util.Locale;
import org.scaleinvariant.sip.api.Problem;

/**
 * Explains a step that missed its target, from the linearised change it causes: {@code JΔx} by a
 * central difference of P along Δx, compared with the wanted change Δy by its cosine and by the best
 * multiple {@code α = (JΔx·Δy)/‖JΔx‖²} (α = 1: right length; α = −1: sign error; α = ½: twice too
 * long).
 */
final class Diagnosis {
  private Diagnosis() {}

  /** The linearised change JΔx of one sample, by central differences; null if it is zero. */
  static double[] linearisedChange(Problem problem, double[] x, double[] dx) {
    double length = Vectors.norm(dx);
    if (!(length > 0) || !Double.isFinite(length)) {
      return null;
    }
    double h = 1e-6 * (1 + Vectors.norm(x)) / length;
    double[] plus = forward(problem, Vectors.plus(x, Vectors.times(h, dx)));
    double[] minus = forward(problem, Vectors.minus(x, Vectors.times(h, dx)));
    return Vectors.times(1 / (2 * h), Vectors.minus(plus, minus));
  }

  /**
   * One or two sentences on what is wrong with a step Δx for the wanted change Δy.
   *
   * @param problem the problem
   * @param x the point, length n
   * @param dx the step, length n
   * @param dy the wanted change t − y, length m
   * @param ratio the miss ratio ‖P(x + Δx) − t‖/‖Δy‖ at this Δy, or NaN if not measured
   * @param smallerRatio the miss ratio at a ten times smaller Δy, or NaN if not measured
   * @return the diagnosis
   */
  static String explain(Problem problem, double[] x, double[] dx, double[] dy, double ratio, double smallerRatio) {
    if (!Vectors.allFinite(dx)) {
      return "Δx is not finite.";
    }
    if (Vectors.norm(dx) == 0) {
      return "Δx is zero although Δy is not: the solver did not move.";
    }
    double[] jdx = linearisedChange(problem, x, dx);
    double jNorm = jdx == null ? 0 : Vectors.norm(jdx);
    if (!(jNorm > 0)) {
      return "P does not change along Δx (J·Δx = 0): Δx lies in the null space of the Jacobian.";
    }
    double cos = Vectors.dot(jdx, dy) / (jNorm * Vectors.norm(dy));
    double alpha = Vectors.dot(jdx, dy) / (jNorm * jNorm);
    String numbers = String.format(Locale.ROOT, " (cos(J·Δx, Δy) = %.3f, best multiple α = %.3f)", cos, alpha);
    if (cos < -0.9) {
      return "Δx points away from the target: P(x + Δx) − y ≈ "
          + String.format(Locale.ROOT, "%.2f", 1 / alpha)
          + "·Δy"
          + numbers
          + ". Sign error? Δx is ADDED to x and must move P towards t = y + Δy: compute it from t − y, not y − t.";
    }
    if (cos > 0.9 && Math.abs(alpha - 1) > 0.05) {
      return "Δx has the right direction but the wrong length"
          + numbers
          + ": the step along it that fits Δy best is α·Δx, so Δx is "
          + String.format(Locale.ROOT, "%.3g", 1 / alpha)
          + " times as long as it should be (a factor such as η, ½ or a learning rate applied where it does not belong?).";
    }
    if (cos > 0.9) {
      String trend =
          Double.isNaN(smallerRatio)
              ? ""
              : String.format(Locale.ROOT, " (the miss ratio goes from %.3g to %.3g when Δy shrinks tenfold)", ratio, smallerRatio);
      if (Double.isNaN(smallerRatio) || smallerRatio <= 0.3 * ratio) {
        return "To first order J·Δx ≈ Δy"
            + numbers
            + ": direction and length are right and the error is of higher order"
            + trend
            + ". If x is near a singular point of P, override samplePoint(...) to draw points away from it.";
      }
      if (smallerRatio > 3 * ratio) {
        return "To first order J·Δx ≈ Δy"
            + numbers
            + ", but the miss grows as Δy shrinks"
            + trend
            + ": an error that does not scale with Δy, such as an offset added to every step or state kept"
            + " between calls.";
      }
      return "To first order J·Δx ≈ Δy"
          + numbers
          + ", but the miss does not shrink with Δy"
          + trend
          + ": the step is only first-order accurate, as with a damping or regularisation that stays when"
          + " Δy → 0 (a fixed Levenberg–Marquardt λ, a trust-region bound). Declare the solver FIRST_ORDER,"
          + " or let the damping vanish as the residual does.";
    }
    return "J·Δx points elsewhere than Δy"
        + numbers
        + ": Δx does not solve J·Δx ≈ Δy. Check the Jacobian layout (entry (k, j) = ∂P_k/∂x_j at b·m·n"
        + " + k·n + j) and the batch layout (sample b at [b·n, (b+1)·n)).";
  }

  private static double[] forward(Problem problem, double[] x) {
    double[] y = new double[problem.outputSize()];
    problem.forward(x, y, 1);
    return y;
  }
}
