package org.scaleinvariant.sip.solvers.newton;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scaleinvariant.sip.testkit.Close.assertAllClose;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.api.SolverDiagnostics;
import org.scaleinvariant.sip.testkit.Vectors;

/** The saddle-free Newton step on problems whose answer is known. */
class NewtonSolverTests {
  private static final double NO_CAP = Double.NaN;
  private static final double FLOOR = NewtonSolver.DEFAULT_EIGENVALUE_FLOOR;

  /** One step of a solver on one sample; the diagnostics collect the counts. */
  static double[] step(NewtonSolver solver, double[] x, double[] target, SolverDiagnostics diagnostics) {
    Problem p = solver.problem();
    double[] dx = new double[p.inputSize()];
    solver.step(x, Numerics.value(p, x), target, dx, 1, diagnostics);
    return dx;
  }

  static Stream<Integer> seeds() {
    return Numerics.seeds(50);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void oneStepSolvesASquareFullRankAffineProblem(int seed) {
    // n = m in [1, 6]; A = U·diag(s)·Vᵀ with s in [0.5, 2] (condition number ≤ 4); x, c, t in [−1, 1].
    SplittableRandom random = new SplittableRandom(seed);
    int n = 1 + random.nextInt(6);
    double[] a =
        Numerics.compose(
            Numerics.orthogonal(random, n), Vectors.uniform(random, n, 0.5, 2), Numerics.orthogonal(random, n), n);
    QuadraticProblem p = new QuadraticProblem(n, n, a, Vectors.uniform(random, n, -1, 1), null);
    double[] x = Vectors.uniform(random, n, -1, 1);
    double[] t = Vectors.uniform(random, n, -1, 1);
    SolverDiagnostics d = new SolverDiagnostics();
    double[] dx = step(new NewtonSolver(p, FLOOR, NO_CAP), x, t, d);
    // ℓ is quadratic with Hessian AᵀA (condition ≤ 16), so the Newton step is exact up to rounding.
    assertAllClose(t, p.value(Vectors.plus(x, dx)), 1e-13, 0, "P(x + Δx)");
    assertEquals(
        "SolverDiagnostics[samples=1, regularized=0, clipped=0, indefinite=0, failed=0]", d.toString());
  }

  @Test
  void handComputedTwoByTwoStep() {
    // P(x) = A·x, A = [[2, 1], [0, 1]]; x = (1, 1) so y = (3, 1); t = (1, 2).
    // r = y − t = (2, −1); g = Aᵀr = (2·2 + 0·(−1), 1·2 + 1·(−1)) = (4, 1).
    // H = AᵀA = [[4, 2], [2, 2]], det 4, H⁻¹ = [[0.5, −0.5], [−0.5, 1]] (positive definite).
    // Δx = −H⁻¹g = −(0.5·4 − 0.5·1, −0.5·4 + 1·1) = (−1.5, 1); check: A·(x + Δx) = A·(−0.5, 2) = (1, 2) = t.
    QuadraticProblem p = QuadraticProblem.linear(2, 2, 2, 1, 0, 1);
    double[] dx = step(new NewtonSolver(p, FLOOR, NO_CAP), new double[] {1, 1}, new double[] {1, 2}, new SolverDiagnostics());
    assertAllClose(new double[] {-1.5, 1}, dx, 1e-15, 0, "Δx");
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void oneStepRecoversTheSolutionOfAnIllConditionedLinearProblem(int seed) {
    // A = U·diag(1, 1e-3, 1e-6)·Vᵀ with seeded random orthogonal U, V: condition number 1e6, so
    // H = AᵀA has eigenvalues 1, 1e-6, 1e-12: condition 1e12, exactly at the default floor (about
    // half of the computed 1e-12 fall just below it and are floored, changing that direction by
    // the same relative amount as rounding does). x* = V·z with z in [−1, 1]³ (every singular
    // direction present), t = A·x*, start x in [−1, 1]³.
    // Tolerance 5e-3 relative: forming H = AᵀA squares the condition number, and a computed
    // eigenvalue has an absolute error of a few ε·λ_max, so the step along the weakest direction
    // has a relative error of about c·ε·κ(A)² = c·2.2e-4 with c a small multiple of n. Measured:
    // at most 5.7e-4 over these 50 seeds, 1.5e-3 over 2000 seeds. (A least-squares solve by SVD of
    // J would do better, ε·κ(A), but the saddle-free step needs the full Hessian H.)
    SplittableRandom random = new SplittableRandom(seed);
    double[] u = Numerics.orthogonal(random, 3);
    double[] v = Numerics.orthogonal(random, 3);
    double[] a = Numerics.compose(u, new double[] {1, 1e-3, 1e-6}, v, 3);
    QuadraticProblem p = QuadraticProblem.linear(3, 3, a);
    double[] z = Vectors.uniform(random, 3, -1, 1);
    double[] xStar = new double[3];
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 3; k++) {
        xStar[i] += v[i * 3 + k] * z[k];
      }
    }
    double[] x = Vectors.uniform(random, 3, -1, 1);
    double[] dx = step(new NewtonSolver(p, FLOOR, NO_CAP), x, p.value(xStar), new SolverDiagnostics());
    double[] error = Vectors.minus(Vectors.plus(x, dx), xStar);
    assertTrue(
        Vectors.norm(error) <= 5e-3 * Vectors.norm(xStar),
        "‖x + Δx − x*‖ = " + Vectors.norm(error) + ", ‖x*‖ = " + Vectors.norm(xStar));
    // The error lies in the weakest direction, which A shrinks by σ₃ = 1e-6: the y-space residual
    // is at most about 1e-6 · 5e-3 · ‖x*‖ < 1e-8.
    double residual = Vectors.norm(Vectors.minus(p.value(Vectors.plus(x, dx)), p.value(xStar)));
    assertTrue(residual < 1e-8, "‖A(x + Δx) − t‖ = " + residual);
  }

  @Test
  void zeroGradientAtASolutionGivesAZeroStep() {
    MixedProblem p = new MixedProblem();
    double[] x = {0.3, -0.7, 0.2};
    SolverDiagnostics d = new SolverDiagnostics();
    double[] dx = step(new NewtonSolver(p, FLOOR, NO_CAP), x, p.value(x), d);
    assertArrayEquals(new double[3], dx, 0.0);
    assertEquals(0, d.failed());
  }

  /**
   * P(x) = x − ½x² per component at x = 0 with target −1: J = I, r = y − t = 1, Σ rₖ∇²Pₖ = −I, so
   * H = I − I = 0 while g = Jᵀr = (1, ..., 1): no curvature to divide by.
   */
  private static QuadraticProblem flatteningProblem(int n) {
    double[] a = new double[n * n];
    double[] q = new double[n * n * n];
    for (int k = 0; k < n; k++) {
      a[k * n + k] = 1;
      q[k * n * n + k * n + k] = -1;
    }
    return new QuadraticProblem(n, n, a, new double[n], q);
  }

  @ParameterizedTest(name = "n={0}")
  @MethodSource("sizes")
  void zeroHessianGivesAZeroStepAndCountsAFailure(int n) {
    QuadraticProblem p = flatteningProblem(n);
    double[] t = new double[n];
    Arrays.fill(t, -1);
    SolverDiagnostics d = new SolverDiagnostics();
    double[] dx = step(new NewtonSolver(p, FLOOR, NO_CAP), new double[n], t, d);
    assertArrayEquals(new double[n], dx, 0.0);
    assertEquals(1, d.failed());
    assertEquals(1, d.samples());
  }

  static Stream<Integer> sizes() {
    return Stream.of(1, 2, 3, 5);
  }

  @Test
  void zeroJacobianAndZeroSecondDerivativeCountAFailure() {
    QuadraticProblem p = QuadraticProblem.linear(2, 3, new double[6]);
    SolverDiagnostics d = new SolverDiagnostics();
    double[] dx = step(new NewtonSolver(p, FLOOR, NO_CAP), new double[] {1, 2}, new double[] {1, 1, 1}, d);
    assertArrayEquals(new double[2], dx, 0.0);
    assertEquals(1, d.failed());
  }

  @Test
  void indefiniteHessianGivesADescentStepWherePlainNewtonWouldAscend() {
    // P = (x₁ − ¾x₁², x₂) at x = 0: J = I, ∇²P₁ = diag(−1.5, 0), ∇²P₂ = 0.
    // t = (−2, −1) so r = y − t = (2, 1), g = Jᵀr = (2, 1), H = I + 2·diag(−1.5, 0) = diag(−2, 1).
    // Plain Newton −H⁻¹g = (1, −1) has gᵀΔx = 2 − 1 = 1 > 0 (uphill, towards the maximum in x₁).
    // Saddle-free: −|H|⁻¹g = (−2/2, −1/1) = (−1, −1), gᵀΔx = −3 < 0.
    QuadraticProblem p =
        new QuadraticProblem(2, 2, new double[] {1, 0, 0, 1}, new double[2], new double[] {-1.5, 0, 0, 0, 0, 0, 0, 0});
    SolverDiagnostics d = new SolverDiagnostics();
    double[] dx = step(new NewtonSolver(p, FLOOR, NO_CAP), new double[2], new double[] {-2, -1}, d);
    assertAllClose(new double[] {-1, -1}, dx, 1e-15, 0, "Δx");
    assertEquals(1, d.indefinite());
    assertEquals(0, d.regularized());
  }

  @Test
  void eigenvaluesBelowTheFloorAreRaisedAndCounted() {
    // P = A·x, A = diag(1, 1e-8): H = diag(1, 1e-16), below the default floor 1e-12·1.
    // x = 0, t = (0, 1e-8): r = (0, −1e-8), g = (0, −1e-16).
    // Floored: Δx₂ = 1e-16 / 1e-12 = 1e-4 (instead of the exact 1); counted once.
    QuadraticProblem p = QuadraticProblem.linear(2, 2, 1, 0, 0, 1e-8);
    double[] t = {0, 1e-8};
    SolverDiagnostics d = new SolverDiagnostics();
    double[] dx = step(new NewtonSolver(p, FLOOR, NO_CAP), new double[2], t, d);
    assertAllClose(new double[] {0, 1e-4}, dx, 0, 1e-12, "Δx with the default floor");
    assertEquals(1, d.regularized());
    // With a floor of 1e-20 the curvature 1e-16 is genuine and the exact step 1 is taken.
    d.reset();
    dx = step(new NewtonSolver(p, 1e-20, NO_CAP), new double[2], t, d);
    assertAllClose(new double[] {0, 1}, dx, 0, 1e-12, "Δx with floor 1e-20");
    assertEquals(0, d.regularized());
  }

  @Test
  void capLimitsTheLossChangeOfALowCurvatureDirection() {
    // P = A·x, A = diag(1, 10): H = diag(1, 100), geometric mean √(1·100) = 10.
    // x = 0, t = (−3, −20): r = (3, 20), g = Aᵀr = (3, 200), eigenbasis = the axes.
    // Uncapped: δ = (−3/1, −200/100) = (−3, −2); loss changes |g̃·δ| = (9, 400).
    // Direction 1 (λ = 1 < 10): 9 > 1.5, limited to δ₁ = −1.5/3 = −0.5.
    // Direction 2 (λ = 100 > 10): not subject to the cap, stays −2 although 400 > 1.5.
    QuadraticProblem p = QuadraticProblem.linear(2, 2, 1, 0, 0, 10);
    SolverDiagnostics d = new SolverDiagnostics();
    NewtonSolver capped = new NewtonSolver(p, FLOOR, 1.5);
    double[] dx = step(capped, new double[2], new double[] {-3, -20}, d);
    assertAllClose(new double[] {-0.5, -2}, dx, 1e-15, 0, "capped Δx");
    assertEquals(1, d.clipped());
    // A cap of 10 (> 9) changes nothing.
    d.reset();
    dx = step(new NewtonSolver(p, FLOOR, 10), new double[2], new double[] {-3, -20}, d);
    assertAllClose(new double[] {-3, -2}, dx, 1e-15, 0, "Δx under a loose cap");
    assertEquals(0, d.clipped());
  }

  @Test
  void capNeverLimitsEqualCurvatures() {
    // H = 4·I (n = 3): no direction is below the geometric mean, even a large loss change stays.
    QuadraticProblem p = QuadraticProblem.linear(3, 3, 2, 0, 0, 0, 2, 0, 0, 0, 2);
    SolverDiagnostics d = new SolverDiagnostics();
    double[] dx = step(new NewtonSolver(p, FLOOR, 1e-6), new double[3], new double[] {1, 2, 3}, d);
    assertAllClose(new double[] {0.5, 1, 1.5}, dx, 1e-15, 0, "Δx = A⁻¹t");
    assertEquals(0, d.clipped());
  }

  @Test
  void nonFiniteInputsGiveAZeroStepAndAFailureNeverNaN() {
    MixedProblem p = new MixedProblem();
    NewtonSolver solver = new NewtonSolver(p, FLOOR, NO_CAP);
    double[] x = {0.1, 0.2, 0.3, Double.NaN, 0, 0, 0.1, 0.2, 0.3};
    double[] y = new double[9];
    p.forward(x, y, 3);
    double[] t = y.clone();
    t[0] += 0.01;
    t[7] = Double.POSITIVE_INFINITY;
    double[] dx = new double[9];
    Arrays.fill(dx, Double.NaN);
    SolverDiagnostics d = new SolverDiagnostics();
    solver.step(x, y, t, dx, 3, d);
    for (int i = 3; i < 9; i++) {
      assertEquals(0.0, dx[i], "dx[" + i + "]");
    }
    assertTrue(Math.abs(dx[0]) > 0, "the finite sample still gets its step");
    assertEquals(2, d.failed());
    assertEquals(3, d.samples());
  }

  @Test
  void hugeValuesGiveFiniteSteps() {
    // H = diag(1e300², ...) overflows: a failure, not an Infinity in Δx.
    QuadraticProblem p = QuadraticProblem.linear(2, 2, 1e300, 0, 0, 1e-300);
    SolverDiagnostics d = new SolverDiagnostics();
    double[] dx = step(new NewtonSolver(p, FLOOR, NO_CAP), new double[] {1, 1}, new double[] {0, 0}, d);
    assertTrue(Double.isFinite(dx[0]) && Double.isFinite(dx[1]), Arrays.toString(dx));
    assertEquals(1, d.failed());
  }

  @Test
  void rejectsArraysShorterThanTheirShape() {
    NewtonSolver solver = new NewtonSolver(new MixedProblem(), FLOOR, NO_CAP);
    double[] ok = new double[6];
    SolverDiagnostics d = new SolverDiagnostics();
    assertEquals(
        ErrorCode.SHAPE_MISMATCH,
        assertThrows(SipException.class, () -> solver.step(new double[5], ok, ok, ok, 2, d)).code());
    assertEquals(
        ErrorCode.SHAPE_MISMATCH,
        assertThrows(SipException.class, () -> solver.step(ok, ok, new double[3], ok, 2, d)).code());
    assertEquals(
        ErrorCode.SHAPE_MISMATCH,
        assertThrows(SipException.class, () -> solver.step(ok, ok, ok, new double[4], 2, d)).code());
    assertEquals(
        ErrorCode.INVALID_ARGUMENT,
        assertThrows(SipException.class, () -> solver.step(ok, ok, ok, ok, 0, d)).code());
    assertEquals(0, d.samples());
  }

  @Test
  void constructorRejectsInvalidSettings() {
    MixedProblem p = new MixedProblem();
    for (double floor : new double[] {0, -1, 1.5, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertEquals(
          ErrorCode.INVALID_ARGUMENT,
          assertThrows(SipException.class, () -> new NewtonSolver(p, floor, NO_CAP)).code(),
          "floor " + floor);
    }
    for (double cap : new double[] {0, -1, Double.POSITIVE_INFINITY}) {
      assertEquals(
          ErrorCode.INVALID_ARGUMENT,
          assertThrows(SipException.class, () -> new NewtonSolver(p, FLOOR, cap)).code(),
          "cap " + cap);
    }
  }
}
