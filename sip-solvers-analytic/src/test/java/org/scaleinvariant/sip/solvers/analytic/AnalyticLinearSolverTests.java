package org.scaleinvariant.sip.solvers.analytic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.scaleinvariant.sip.testkit.Close.assertAllClose;
import static org.scaleinvariant.sip.testkit.Vectors.plus;
import static org.scaleinvariant.sip.testkit.Vectors.uniform;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.SolverDiagnostics;
import org.scaleinvariant.sip.problems.LinearMap;

/**
 * The exact linear inverse {@code Δx = A⁺(t − y)}: hand-computed steps, and {@value #CASES} seeded
 * generated maps (n, m uniform in [1, 6], κ log-uniform in [1, 1e6], x and x' uniform in [−3,
 * 3)) and rank-deficient given maps ({@code A = B·C}, entries of B and C uniform in [−1, 1), targets
 * uniform in [−3, 3)).
 */
class AnalyticLinearSolverTests {
  private static final int CASES = 300;
  private static final int BATCH = 4;
  private static final double X_HALF_WIDTH = 3;

  static LongStream seeds() {
    return LongStream.range(0, CASES);
  }

  private static InverseSolver solver(LinearMap problem) {
    return new AnalyticLinearSolverProvider().create(problem, Options.empty());
  }

  private static double[] step(LinearMap problem, double[] x, double[] t, SolverDiagnostics diagnostics) {
    int batch = x.length / problem.inputSize();
    double[] y = new double[batch * problem.outputSize()];
    problem.forward(x, y, batch);
    double[] dx = new double[x.length];
    solver(problem).step(x, y, t, dx, batch, diagnostics);
    return dx;
  }

  @Test
  void handComputedSteps() {
    // A = [[1, 2], [3, 4]], x = (1, 1), y = (3, 7), t = (5, 11): Δx = A⁻¹(2, 4) = (−4 + 4, 3 − 2)
    // = (0, 1).
    LinearMap square = new LinearMap(new double[][] {{1, 2}, {3, 4}});
    SolverDiagnostics diagnostics = new SolverDiagnostics();
    assertAllClose(new double[] {0, 1}, step(square, new double[] {1, 1}, new double[] {5, 11}, diagnostics), 1e-15, 1e-14, "square");
    // A = (3, 4), x = (1, 1), y = 7, t = 10: Δx = 3·(0.12, 0.16) = (0.36, 0.48), the shortest step
    LinearMap wide = new LinearMap(new double[][] {{3, 4}});
    assertAllClose(new double[] {0.36, 0.48}, step(wide, new double[] {1, 1}, new double[] {10}, diagnostics), 1e-15, 1e-14, "wide");
    // A = [[1, 2], [2, 4]], x = 0, t = (5, 0) is unreachable: least squares, Δx = A⁺t = (0.2, 0.4)
    LinearMap singular = new LinearMap(new double[][] {{1, 2}, {2, 4}});
    assertAllClose(new double[] {0.2, 0.4}, step(singular, new double[2], new double[] {5, 0}, diagnostics), 1e-15, 1e-14, "singular");
    assertEquals(3, diagnostics.samples());
    assertEquals(0, diagnostics.clipped() + diagnostics.failed());
  }

  /**
   * Reachable targets {@code t = A·x'}: {@code P(x + Δx) = t} (the forward error of a
   * pseudo-inverse solve, bounded by κ·ε times the sizes) and Δx equals the problem's closest
   * solution minus x (computed as {@code (I − A⁺A)x + A⁺t − x}, another formula).
   */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void reachableTargetsAreHitWithTheSmallestStep(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = 1 + random.nextInt(6);
    int m = 1 + random.nextInt(6);
    double condition = Math.exp(random.nextDouble(0, Math.log(1e6)));
    LinearMap problem = new LinearMap(n, m, condition, random.nextInt(Integer.MAX_VALUE));
    double[] x = uniform(random, BATCH * n, X_HALF_WIDTH);
    double[] t = new double[BATCH * m];
    problem.forward(uniform(random, BATCH * n, X_HALF_WIDTH), t, BATCH);
    SolverDiagnostics diagnostics = new SolverDiagnostics();
    double[] dx = step(problem, x, t, diagnostics);
    double tolerance = 1e-14 * condition * (1 + X_HALF_WIDTH * n);
    double[] reached = new double[BATCH * m];
    problem.forward(plus(x, dx), reached, BATCH);
    assertAllClose(t, reached, tolerance, 0, problem.toString());
    double[] closest = new double[BATCH * n];
    problem.closestSolution(x, t, closest, BATCH);
    assertAllClose(closest, plus(x, dx), tolerance, 0, problem.toString());
    assertEquals(0, diagnostics.failed());
  }

  /**
   * Rank-deficient A and arbitrary (generally unreachable) targets: {@code x + Δx} satisfies the
   * normal equations {@code Aᵀ(A(x + Δx) − t) = 0}, i.e. it reaches the projection of t onto the
   * range of A, and Δx has no null-space component (it equals the closest solution minus x).
   */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void unreachableTargetsGiveTheLeastSquaresStep(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = 2 + random.nextInt(5);
    int m = 2 + random.nextInt(5);
    int rank = 1 + random.nextInt(Math.min(m, n) - 1);
    double[] b = uniform(random, m * rank, 1);
    double[] c = uniform(random, rank * n, 1);
    double[][] rows = new double[m][n];
    for (int k = 0; k < m; k++) {
      for (int j = 0; j < n; j++) {
        for (int l = 0; l < rank; l++) {
          rows[k][j] += b[k * rank + l] * c[l * n + j];
        }
      }
    }
    LinearMap problem = new LinearMap(rows);
    double[] x = uniform(random, BATCH * n, X_HALF_WIDTH);
    double[] t = uniform(random, BATCH * m, 3);
    double[] dx = step(problem, x, t, new SolverDiagnostics());
    double[] moved = plus(x, dx);
    double[] residual = new double[BATCH * m];
    problem.forward(moved, residual, BATCH);
    for (int i = 0; i < residual.length; i++) {
      residual[i] -= t[i];
    }
    double[] normal = new double[BATCH * n];
    problem.vectorJacobianProduct(moved, residual, normal, BATCH);
    double tolerance = 1e-13 * (1 + X_HALF_WIDTH * n) / problem.singularValues()[problem.rank() - 1];
    assertAllClose(new double[BATCH * n], normal, tolerance, 0, problem + " normal equations");
    double[] closest = new double[BATCH * n];
    problem.closestSolution(x, t, closest, BATCH);
    assertAllClose(closest, moved, tolerance, 0, problem.toString());
  }
}
