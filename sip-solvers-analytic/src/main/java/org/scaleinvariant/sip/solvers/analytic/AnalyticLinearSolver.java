package org.scaleinvariant.sip.solvers.analytic;

import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SolverDiagnostics;
import org.scaleinvariant.sip.problems.LinearMap;

/**
 * The exact inverse of the {@link LinearMap} {@code P(x) = A·x}:
 *
 * <pre>
 *   Δx = A⁺·(t − y),
 * </pre>
 *
 * with the Moore–Penrose pseudo-inverse A⁺ that the problem computed once from its singular value
 * decomposition ({@link LinearMap#pseudoInverse()}, copied at construction). For a square A of full
 * rank, A⁺ = A⁻¹ and {@code P(x + Δx) = t} up to round-off (amplified by the condition number of
 * A). If A has more columns than its rank, Δx is the smallest change that reaches t (it has no
 * component in the null space of A). If t is outside the range of A (possible only when rank &lt;
 * m), Δx is the least-squares step: {@code x + Δx} reaches the projection of t onto the range, the
 * closest reachable target. That is a property of A rather than of a sample, so it is not counted
 * in the diagnostics; the targets of SIP training, {@code y + η(y* − y)} with y* sampled by the
 * problem, are always in the range.
 *
 * <p>Cost: one n×m matrix-vector product per sample; y is used as given (P is not evaluated). See
 * {@link AnalyticSolver} for failed samples and thread-safety.
 */
final class AnalyticLinearSolver extends AnalyticSolver {
  private final int n;
  private final int m;
  /** A⁺, n×m row-major. */
  private final double[] pseudoInverse;

  AnalyticLinearSolver(LinearMap problem) {
    this(AnalyticLinearSolverProvider.ID, problem, problem.pseudoInverse());
  }

  /**
   * The same step for any problem whose outputs are affine in x with a constant Jacobian J, given
   * its pseudo-inverse (used by {@code analytic-control} for linear rollouts).
   *
   * @param id the solver id
   * @param problem the problem
   * @param pseudoInverse J⁺, n×m row-major (not copied)
   */
  AnalyticLinearSolver(String id, Problem problem, double[] pseudoInverse) {
    super(id, problem);
    this.n = problem.inputSize();
    this.m = problem.outputSize();
    this.pseudoInverse = pseudoInverse;
  }

  @Override
  void solve(double[] x, double[] y, double[] target, double[] dx, int batch, SolverDiagnostics diagnostics) {
    for (int b = 0; b < batch; b++) {
      int yOffset = b * m;
      for (int i = 0; i < n; i++) {
        double sum = 0;
        int row = i * m;
        for (int k = 0; k < m; k++) {
          sum += pseudoInverse[row + k] * (target[yOffset + k] - y[yOffset + k]);
        }
        dx[b * n + i] = sum;
      }
    }
  }
}
