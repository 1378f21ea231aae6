package org.scaleinvariant.sip.solvers.analytic;

import org.scaleinvariant.sip.api.SolverDiagnostics;
import org.scaleinvariant.sip.problems.RotatedSine;

/**
 * The exact local inverse of the {@link RotatedSine} {@code P(x) = (A·sin(a·x̂1), B·x̂2)}, {@code x̂ =
 * R_φ·x} (Holl, Koltun, Thuerey, <i>Scale-invariant Learning by Physics Inversion</i>, NeurIPS 2022;
 * the chapter's "SIP training in action").
 *
 * <h2>The step</h2>
 *
 * For a target t, in rotated coordinates:
 *
 * <ul>
 *   <li>{@code x̂2' = t2/B};
 *   <li>{@code x̂1'} is the solution of {@code sin(a·x̂1') = s}, {@code s = t1/A} clipped into [−1,
 *       1], nearest to the current x̂1: among both arcsine families {@code (asin s + 2πk)/a} and
 *       {@code (π − asin s + 2πk)/a}, all k ∈ Z, the one that minimises {@code |x̂1' − x̂1|};
 *   <li>{@code Δx = R_φᵀ·x̂' − x}.
 * </ul>
 *
 * Because the rotation preserves distances and x̂2' is fixed, this x̂' is also the solution of
 * {@code P(x') = t} closest to x, which {@link RotatedSine#closestSolution} computes (its
 * description has the details); the solver uses it, so the problem and its inverse cannot disagree.
 * For a target in the range ({@code |t1| ≤ A}), {@code P(x + Δx) = t} up to round-off; the step
 * does not use y.
 *
 * <h2>Reported</h2>
 *
 * {@code addClipped(1)} per sample whose target is outside the range ({@code |t1| > A}); it moves to
 * the closest reachable target {@code (±A, t2)} instead. See {@link AnalyticSolver} for failed
 * samples and thread-safety.
 */
final class AnalyticRotatedSineSolver extends AnalyticSolver {
  private final RotatedSine problem;

  AnalyticRotatedSineSolver(RotatedSine problem) {
    super(AnalyticRotatedSineSolverProvider.ID, problem);
    this.problem = problem;
  }

  @Override
  void solve(double[] x, double[] y, double[] target, double[] dx, int batch, SolverDiagnostics diagnostics) {
    problem.closestSolution(x, target, dx, batch);
    double amplitude = problem.amplitude();
    long clipped = 0;
    for (int i = 0; i < 2 * batch; i += 2) {
      dx[i] -= x[i];
      dx[i + 1] -= x[i + 1];
      if (Math.abs(target[i]) > amplitude) {
        clipped++;
      }
    }
    diagnostics.addClipped(clipped);
  }
}
