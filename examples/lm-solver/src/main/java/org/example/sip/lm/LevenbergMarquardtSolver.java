package org.example.sip.lm;

import java.util.Arrays;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;
import org.scaleinvariant.sip.api.Checks;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SolverDiagnostics;

/**
 * A local inverse by Levenberg–Marquardt: for each sample, starting at x, it minimises {@code
 * ½‖P(x') − t‖²} over x' with Hipparchus' {@link LevenbergMarquardtOptimizer} (Moré's scaled
 * trust-region variant, J. J. Moré, "The Levenberg-Marquardt algorithm: implementation and theory",
 * Numerical Analysis, LNM 630, 1978), using the problem's exact Jacobian, and returns {@code Δx =
 * x' − x}.
 *
 * <p>For a reachable target near x this is the exact local inverse {@code P⁻¹(t; x) − x} up to the
 * tolerance; for an unreachable one, the step to the nearest least-squares point. The scaling of
 * the trust region by the Jacobian's column norms, and tolerances that are all relative, make the
 * step independent of the units of x and y (scale-invariant), up to the tolerance.
 *
 * <p>Expected numerical situations do not throw: if the iteration limit is reached, the best point
 * evaluated so far is used and the sample is counted with {@link SolverDiagnostics#addClipped}; a
 * sample whose result is not finite gets Δx = 0 and {@link SolverDiagnostics#addFailed}.
 *
 * <p>Thread-safe and deterministic: every call builds its own optimizer and problem.
 */
final class LevenbergMarquardtSolver implements InverseSolver {
  private final Problem problem;
  private final int n;
  private final int m;
  private final int maxIterations;
  private final double tolerance;

  LevenbergMarquardtSolver(Problem problem, int maxIterations, double tolerance) {
    this.problem = problem;
    this.n = problem.inputSize();
    this.m = problem.outputSize();
    this.maxIterations = maxIterations;
    this.tolerance = tolerance;
  }

  @Override
  public String id() {
    return LevenbergMarquardtSolverProvider.ID;
  }

  @Override
  public Problem problem() {
    return problem;
  }

  /**
   * True: the converged step does not depend on the units of x or y (see the class comment).
   *
   * @return true
   */
  @Override
  public boolean isScaleInvariant() {
    return true;
  }

  /**
   * Solves each sample's least-squares problem from its x.
   *
   * @param x the current points, shape [B, n]
   * @param y {@code P(x)}, shape [B, m] (not used: LM evaluates P itself)
   * @param target the targets t, shape [B, m]
   * @param dx receives Δx, shape [B, n]; always finite
   * @param batch B, at least 1
   * @param diagnostics receives the sample count, samples stopped at the iteration limit (clipped)
   *     and failed samples
   * @throws org.scaleinvariant.sip.api.SipException SHAPE_MISMATCH if an array is too short
   */
  @Override
  public void step(double[] x, double[] y, double[] target, double[] dx, int batch, SolverDiagnostics diagnostics) {
    Checks.requireShape(x, "x", batch, n);
    Checks.requireShape(y, "y", batch, m);
    Checks.requireShape(target, "target", batch, m);
    Checks.requireShape(dx, "dx", batch, n);
    for (int b = 0; b < batch; b++) {
      double[] start = Arrays.copyOfRange(x, b * n, (b + 1) * n);
      double[] t = Arrays.copyOfRange(target, b * m, (b + 1) * m);
      double[] solution = solve(start, t, diagnostics);
      boolean finite = true;
      for (int j = 0; j < n; j++) {
        double step = solution[j] - start[j];
        finite &= Double.isFinite(step);
        dx[b * n + j] = step;
      }
      if (!finite) {
        Arrays.fill(dx, b * n, (b + 1) * n, 0.0);
        diagnostics.addFailed(1);
      }
    }
    diagnostics.addSamples(batch);
  }

  /** Runs LM for one sample; returns the solution, or the best point seen if it did not converge. */
  private double[] solve(double[] start, double[] t, SolverDiagnostics diagnostics) {
    double[] best = start.clone();
    double[] bestCost = {Double.POSITIVE_INFINITY};
    LeastSquaresProblem leastSquares =
        new LeastSquaresBuilder()
            .start(start)
            .target(t)
            .model(
                point -> {
                  double[] p = point.toArray();
                  double[] value = new double[m];
                  double[] jacobian = new double[m * n];
                  problem.forward(p, value, 1);
                  problem.jacobian(p, jacobian, 1);
                  double cost = 0;
                  for (int k = 0; k < m; k++) {
                    cost += (value[k] - t[k]) * (value[k] - t[k]);
                  }
                  if (cost < bestCost[0]) {
                    bestCost[0] = cost;
                    System.arraycopy(p, 0, best, 0, n);
                  }
                  RealMatrix j = new Array2DRowRealMatrix(m, n);
                  for (int k = 0; k < m; k++) {
                    for (int i = 0; i < n; i++) {
                      j.setEntry(k, i, jacobian[k * n + i]);
                    }
                  }
                  RealVector v = new ArrayRealVector(value, false);
                  return new Pair<>(v, j);
                })
            .maxIterations(maxIterations)
            .maxEvaluations(10 * maxIterations + 10)
            .lazyEvaluation(false)
            .build();
    LevenbergMarquardtOptimizer optimizer =
        new LevenbergMarquardtOptimizer()
            .withCostRelativeTolerance(tolerance)
            .withParameterRelativeTolerance(tolerance)
            .withOrthoTolerance(tolerance);
    try {
      LeastSquaresOptimizer.Optimum optimum = optimizer.optimize(leastSquares);
      return optimum.getPoint().toArray();
    } catch (MathRuntimeException e) {
      diagnostics.addClipped(1);
      return best;
    }
  }
}
