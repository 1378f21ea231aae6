package org.scaleinvariant.sip.solvers.analytic;

import org.scaleinvariant.sip.api.SolverDiagnostics;
import org.scaleinvariant.sip.problems.SimpleExample;

/**
 * The exact local inverse of the book's {@link SimpleExample} {@code P(x) = (x0, x1²)}, the
 * "inverse simulator" of the chapter "Simple Example comparing Different Optimizers"
 * (physicsbaseddeeplearning.org):
 *
 * <pre>
 *   x0' = t0,   x1' = sign(x1)·√max(t1, 0),   Δx = x' − x,
 * </pre>
 *
 * keeping the branch of the current x1 (+ for x1 = 0), which is the solution of {@code P(x') = t}
 * closest to x ({@link SimpleExample#closestSolution}, which the solver uses). For {@code t1 ≥ 0},
 * {@code P(x + Δx) = t} up to round-off; the step does not use y.
 *
 * <h2>Reported</h2>
 *
 * {@code addClipped(1)} per sample with {@code t1 < 0}, outside the range of x1²; it moves to the
 * closest reachable target {@code (t0, 0)}, i.e. x1' = 0. See {@link AnalyticSolver} for failed
 * samples and thread-safety.
 */
final class AnalyticSimpleSolver extends AnalyticSolver {
  private final SimpleExample problem;

  AnalyticSimpleSolver(SimpleExample problem) {
    super(AnalyticSimpleSolverProvider.ID, problem);
    this.problem = problem;
  }

  @Override
  void solve(double[] x, double[] y, double[] target, double[] dx, int batch, SolverDiagnostics diagnostics) {
    problem.closestSolution(x, target, dx, batch);
    long clipped = 0;
    for (int i = 0; i < 2 * batch; i += 2) {
      dx[i] -= x[i];
      dx[i + 1] -= x[i + 1];
      if (target[i + 1] < 0) {
        clipped++;
      }
    }
    diagnostics.addClipped(clipped);
  }
}
