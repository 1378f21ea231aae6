package org.scaleinvariant.sip.solvers.analytic;

import java.util.Arrays;
import java.util.Objects;
import org.scaleinvariant.sip.api.Checks;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.api.SolverDiagnostics;

/**
 * What the closed-form inverses share: the shape checks, the guarantee of a finite step (a sample
 * whose step came out NaN or infinite, e.g. from NaN inputs, gets Δx = 0 and is counted with {@link
 * SolverDiagnostics#addFailed}), the sample count, and scale invariance (an exact inverse lands on
 * the target whatever the units of x and y).
 *
 * <p>Subclasses hold only immutable state, so every solver is thread-safe and allocates nothing per
 * call.
 */
abstract class AnalyticSolver implements InverseSolver {
  private final String id;
  private final Problem problem;
  private final int n;
  private final int m;

  AnalyticSolver(String id, Problem problem) {
    this.id = id;
    this.problem = Objects.requireNonNull(problem, "problem");
    this.n = problem.inputSize();
    this.m = problem.outputSize();
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final Problem problem() {
    return problem;
  }

  /**
   * Computes Δx for every sample (see the subclass for the formula).
   *
   * @param x the current points, shape [B, n]
   * @param y the physics outputs {@code P(x)}, shape [B, m]
   * @param target the targets t, shape [B, m]
   * @param dx receives Δx, shape [B, n]; always finite (0 for a failed sample); must not alias the
   *     inputs
   * @param batch the number of samples B, at least 1
   * @param diagnostics receives {@code addSamples(B)}, clipped targets and failed samples
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is too short, {@link
   *     ErrorCode#INVALID_ARGUMENT} if {@code batch < 1}
   */
  @Override
  public final void step(
      double[] x, double[] y, double[] target, double[] dx, int batch, SolverDiagnostics diagnostics) {
    Checks.requireShape(x, "x", batch, n);
    Checks.requireShape(y, "y", batch, m);
    Checks.requireShape(target, "target", batch, m);
    Checks.requireShape(dx, "dx", batch, n);
    Objects.requireNonNull(diagnostics, "diagnostics");
    solve(x, y, target, dx, batch, diagnostics);
    for (int b = 0; b < batch; b++) {
      int from = b * n;
      for (int i = from; i < from + n; i++) {
        if (!Double.isFinite(dx[i])) {
          Arrays.fill(dx, from, from + n, 0.0);
          diagnostics.addFailed(1);
          break;
        }
      }
    }
    diagnostics.addSamples(batch);
  }

  /**
   * Writes Δx for the first {@code batch} samples; shapes are already checked. Non-finite results
   * are handled by {@link #step}.
   */
  abstract void solve(
      double[] x, double[] y, double[] target, double[] dx, int batch, SolverDiagnostics diagnostics);

  /**
   * True: an exact inverse maps t to the same x whatever the scale of y, and an input rescaling x =
   * s·x' rescales its step by 1/s.
   *
   * @return true
   */
  @Override
  public final boolean isScaleInvariant() {
    return true;
  }

  @Override
  public String toString() {
    return id + "[problem=" + problem + "]";
  }
}
