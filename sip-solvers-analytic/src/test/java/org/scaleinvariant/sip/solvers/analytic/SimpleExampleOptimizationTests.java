package org.scaleinvariant.sip.solvers.analytic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.L2Loss;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.Registries;
import org.scaleinvariant.sip.api.SolverDiagnostics;

/**
 * The book's "Simple Example comparing Different Optimizers" (Thuerey et al., <i>Physics-based Deep
 * Learning</i>, physicsbaseddeeplearning.org/physgrad-comparison.html): minimise {@code L = ‖y‖² =
 * x0² + x1⁴}, {@code y = (x0, x1²)}, from x = (3, 3) with 10 plain updates (no network), using the
 * discovered {@code simple} problem's exact derivatives and the discovered {@code analytic-simple}
 * inverse. The expected values are the ones the book publishes (rounded to 4 decimals, hence the
 * tolerance 5e-5); the unrounded values, recomputed with the closed forms in the comments, are
 * (2.451218420662640, 0.961711524440409), (0.052024589747498, 0.923838442972316) and
 * (0.084742574700000, 0.504209999999999).
 */
class SimpleExampleOptimizationTests {
  private static final int ITERATIONS = 10;
  private static final double PUBLISHED_ROUNDING = 5e-5;

  private final Problem problem = Registries.discoverProblems().get("simple").create(Options.empty());

  /** ∇L = Jᵀ·∂L/∂y = Jᵀ(2y), from the problem's vector-Jacobian product. */
  private double[] gradient(double[] x) {
    double[] y = new double[2];
    problem.forward(x, y, 1);
    double[] g = new double[2];
    problem.vectorJacobianProduct(x, new double[] {2 * y[0], 2 * y[1]}, g, 1);
    return g;
  }

  @Test
  void gradientDescentCrawlsAlongX0() {
    // x ← x − η∇L, η = 0.01, ∇L = (2x0, 4x1³): x0 = 3·0.98¹⁰
    double[] x = {3, 3};
    for (int i = 0; i < ITERATIONS; i++) {
      double[] g = gradient(x);
      x[0] -= 0.01 * g[0];
      x[1] -= 0.01 * g[1];
    }
    assertEquals(2.4512, x[0], PUBLISHED_ROUNDING, "gradient descent x0 (book: 2.4512)");
    assertEquals(0.9617, x[1], PUBLISHED_ROUNDING, "gradient descent x1 (book: 0.9617)");
  }

  @Test
  void newtonConvergesInX0ButSlowsDownInX1() {
    // x ← x − η H⁻¹∇L, η = 1/3, H = ∇²L = 2(JᵀJ + Σ_k y_k ∇²P_k) = diag(2, 12x1²):
    // x0 = 3·(2/3)¹⁰, x1 = 3·(8/9)¹⁰
    double eta = 1.0 / 3;
    double[] x = {3, 3};
    double[] y = new double[2];
    double[] jacobian = new double[4];
    double[] weighted = new double[4];
    for (int i = 0; i < ITERATIONS; i++) {
      problem.forward(x, y, 1);
      problem.jacobian(x, jacobian, 1);
      problem.weightedOutputHessian(x, y, weighted, 1);
      double[] h = new double[4];
      for (int r = 0; r < 2; r++) {
        for (int c = 0; c < 2; c++) {
          double jtj = jacobian[r] * jacobian[c] + jacobian[2 + r] * jacobian[2 + c];
          h[2 * r + c] = 2 * (jtj + weighted[2 * r + c]);
        }
      }
      double[] g = gradient(x);
      double det = h[0] * h[3] - h[1] * h[2];
      x[0] -= eta * (h[3] * g[0] - h[1] * g[1]) / det;
      x[1] -= eta * (-h[2] * g[0] + h[0] * g[1]) / det;
    }
    assertEquals(0.0520, x[0], PUBLISHED_ROUNDING, "Newton x0 (book: 0.0520)");
    assertEquals(0.9238, x[1], PUBLISHED_ROUNDING, "Newton x1 (book: 0.9238)");
  }

  @Test
  void inverseSimulatorTakesEqualStepsInY() {
    // Newton step of L in y: ∂L/∂y = 2y, ∂²L/∂y² = 2I, Δy = −η·y with η = 0.3 (the same target as
    // L2Loss's Newton step towards y* = 0: the factor 2 cancels). Then x ← x + P⁻¹(y + Δy; x) − x.
    // y = 0.7¹⁰·(3, 9): x0 = 3·0.7¹⁰, x1 = √(9·0.7¹⁰) = 3·0.7⁵.
    InverseSolver solver = Registries.discoverSolvers().get("analytic-simple").create(problem, Options.empty());
    double[] x = {3, 3};
    double[] y = new double[2];
    double[] t = new double[2];
    double[] dx = new double[2];
    SolverDiagnostics diagnostics = new SolverDiagnostics();
    for (int i = 0; i < ITERATIONS; i++) {
      problem.forward(x, y, 1);
      L2Loss.INSTANCE.newtonTarget(y, new double[2], 0.3, t, 1, 2);
      solver.step(x, y, t, dx, 1, diagnostics);
      x[0] += dx[0];
      x[1] += dx[1];
    }
    assertEquals(0.0847, x[0], PUBLISHED_ROUNDING, "inverse simulator x0 (book: 0.0847)");
    assertEquals(0.5042, x[1], PUBLISHED_ROUNDING, "inverse simulator x1 (book: 0.5042)");
    assertEquals(3 * Math.pow(0.7, 10), x[0], 1e-15);
    assertEquals(3 * Math.pow(0.7, 5), x[1], 1e-15);
    assertEquals(ITERATIONS, diagnostics.samples());
    assertEquals(0, diagnostics.clipped() + diagnostics.failed());
  }
}
