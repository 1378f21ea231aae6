package org.scaleinvariant.sip.solvers.newton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scaleinvariant.sip.testkit.Close.assertAllClose;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.api.SolverDiagnostics;
import org.scaleinvariant.sip.testkit.Vectors;

/**
 * The closed-form 2×2 decomposition against Hipparchus' {@link EigenDecompositionSymmetric}, and
 * the Newton steps computed from each.
 */
class SymmetricEigenTests {
  private static final double EPS = Math.ulp(1.0);

  static Stream<Integer> seeds() {
    return Numerics.seeds(300);
  }

  /** The kinds of 2×2 symmetric matrices, chosen by seed % 6. */
  private static final String[] KINDS = {
    "generic", "diagonal", "equal diagonal", "near-singular 1e-12", "indefinite", "negative definite"
  };

  /**
   * A seeded symmetric [[a, b], [b, d]] as {a, b, d}. Overall scale 10^U(−3, 3); "near-singular":
   * eigenvalues λ and λ·1e-12 (either sign) rotated by a random angle; "indefinite" and "negative
   * definite" likewise with eigenvalue magnitudes log-uniform over 1e-3..1e3 relative.
   */
  static double[] matrix(int seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double scale = Math.pow(10, random.nextDouble(-3, 3));
    switch (seed % 6) {
      case 0:
        return new double[] {scale * random.nextDouble(-1, 1), scale * random.nextDouble(-1, 1), scale * random.nextDouble(-1, 1)};
      case 1:
        return new double[] {scale * random.nextDouble(-1, 1), 0, scale * random.nextDouble(-1, 1)};
      case 2:
        double diagonal = scale * random.nextDouble(-1, 1);
        return new double[] {diagonal, scale * random.nextDouble(-1, 1), diagonal};
      case 3:
        double big = scale * (random.nextBoolean() ? 1 : -1);
        return rotated(random, big, big * 1e-12 * (random.nextBoolean() ? 1 : -1));
      case 4:
        return rotated(random, scale, -scale * Math.pow(10, random.nextDouble(-3, 3)));
      default:
        return rotated(random, -scale, -scale * Math.pow(10, random.nextDouble(-3, 3)));
    }
  }

  /** R(θ)·diag(l1, l2)·R(θ)ᵀ for a random θ, as {a, b, d}. */
  private static double[] rotated(SplittableRandom random, double l1, double l2) {
    double theta = random.nextDouble(0, Math.PI);
    double c = Math.cos(theta);
    double s = Math.sin(theta);
    return new double[] {c * c * l1 + s * s * l2, c * s * (l1 - l2), s * s * l1 + c * c * l2};
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void closedFormEigenvaluesEqualHipparchus(int seed) {
    double[] abd = matrix(seed);
    double[] lambda = new double[2];
    double[] v = new double[4];
    SymmetricEigen.closedForm2x2(abd[0], abd[1], abd[2], lambda, v);
    double[] reference =
        new EigenDecompositionSymmetric(
                MatrixUtils.createRealMatrix(new double[][] {{abd[0], abd[1]}, {abd[1], abd[2]}}))
            .getEigenvalues();
    Arrays.sort(lambda);
    Arrays.sort(reference);
    double max = Math.max(Math.abs(reference[0]), Math.abs(reference[1]));
    // Both are backward stable: absolute eigenvalue errors of a few ε·max|λ| (the largest
    // difference measured over 60000 seeds was 5.9·ε·max|λ|).
    assertAllClose(reference, lambda, 8 * EPS * max, 0, KINDS[seed % 6] + " eigenvalues");
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void closedFormIsAnOrthogonalDecomposition(int seed) {
    double[] abd = matrix(seed);
    double[] lambda = new double[2];
    double[] v = new double[4];
    SymmetricEigen.closedForm2x2(abd[0], abd[1], abd[2], lambda, v);
    double norm = Math.max(Math.abs(lambda[0]), Math.abs(lambda[1]));
    double[] rebuilt = new double[4];
    double[] gram = new double[4];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        rebuilt[i * 2 + j] = v[i * 2] * lambda[0] * v[j * 2] + v[i * 2 + 1] * lambda[1] * v[j * 2 + 1];
        gram[i * 2 + j] = v[i] * v[j] + v[2 + i] * v[2 + j];
      }
    }
    assertAllClose(new double[] {abd[0], abd[1], abd[1], abd[2]}, rebuilt, 4 * EPS * norm, 0, "V·Λ·Vᵀ");
    assertAllClose(new double[] {1, 0, 0, 1}, gram, 4 * EPS, 0, "VᵀV");
  }

  /**
   * The Newton steps from both decompositions agree. Both have eigenvalue errors of a few ε·max|λ|,
   * and a step component divides by its curvature a_i ≥ floor, so the relative difference is
   * bounded by about ε·max|λ|/min(a); we allow 16 times that (measured at most 5.6 times over
   * 60000 seeds). For the near-singular kind this is 16·ε·1e12 ≈ 3.6e-3: its small eigenvalue sits
   * at the default floor, where rounding decides between "floored" and "genuine" (and its sign), so
   * only there the counts may differ; for well-conditioned kinds the tolerance is about 1e-14.
   */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void newtonStepsFromBothPathsAgree(int seed) {
    double[] abd = matrix(seed);
    double[] h = {abd[0], abd[1], abd[1], abd[2]};
    double[] g = Vectors.uniform(new SplittableRandom(~seed), 2, -1, 1);
    double[] closed = new double[2];
    double[] library = new double[2];
    SolverDiagnostics dc = new SolverDiagnostics();
    SolverDiagnostics dl = new SolverDiagnostics();
    double floor = NewtonSolver.DEFAULT_EIGENVALUE_FLOOR;
    new SaddleFreeKernel(2, floor, Double.NaN, true).solve(h, g, closed, 0, dc);
    new SaddleFreeKernel(2, floor, Double.NaN, false).solve(h, g, library, 0, dl);
    double[] lambda = new double[2];
    SymmetricEigen.closedForm2x2(abd[0], abd[1], abd[2], lambda, new double[4]);
    double max = Math.max(Math.abs(lambda[0]), Math.abs(lambda[1]));
    double min = Math.max(Math.min(Math.abs(lambda[0]), Math.abs(lambda[1])), floor * max);
    double tolerance = 16 * EPS * max / min * Vectors.norm(library);
    assertAllClose(library, closed, tolerance, 0, KINDS[seed % 6] + " Δx");
    if (seed % 6 != 3) {
      assertEquals(dl.toString(), dc.toString(), "same counts");
    }
  }

  @Test
  void diagonalMatrixNeedsNoRotation() {
    double[] lambda = new double[2];
    double[] v = new double[4];
    SymmetricEigen.closedForm2x2(3, 0, -2, lambda, v);
    assertAllClose(new double[] {3, -2}, lambda, 0, 0, "λ");
    assertAllClose(new double[] {1, 0, 0, 1}, v, 0, 0, "V");
  }

  @Test
  void equalDiagonalRotatesByFortyFiveDegrees() {
    // [[2, 1], [1, 2]]: τ = 0, t = 1, c = s = 1/√2; λ = (2 − 1, 2 + 1) = (1, 3),
    // eigenvectors (c, −s) = (1, −1)/√2 and (s, c) = (1, 1)/√2.
    double[] lambda = new double[2];
    double[] v = new double[4];
    SymmetricEigen.closedForm2x2(2, 1, 2, lambda, v);
    double r = Math.sqrt(0.5);
    assertAllClose(new double[] {1, 3}, lambda, 4 * EPS, 0, "λ");
    assertAllClose(new double[] {r, r, -r, r}, v, EPS, 0, "V");
  }

  @Test
  void tinyOffDiagonalDoesNotOverflow() {
    // τ = (1 − 0)/(2·1e-300) = 5e299 and τ² overflows: t must become 0, not NaN.
    double[] lambda = new double[2];
    double[] v = new double[4];
    SymmetricEigen.closedForm2x2(0, 1e-300, 1, lambda, v);
    assertAllClose(new double[] {0, 1}, lambda, 1e-299, 0, "λ");
    assertAllClose(new double[] {1, 0, 0, 1}, v, 1e-299, 0, "V");
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void solverStepsOnTheRotatedSineAgreeForBothPaths(int seed) {
    // ξ in [1, 64], φ in [0°, 90°], u = γx̂₁/ξ in [−1.4, 1.4], x̂₂ in [−1, 1], t = y + Δy with
    // Δy in [−0.1, 0.1]²: eigenvalue ratio ≥ 1.7e-9 (see NewtonPropertyTests), so 16·ε/1.7e-9 ≈ 2e-6.
    SplittableRandom random = new SplittableRandom(seed);
    RotatedSineProblem p = RotatedSineProblem.draw(random);
    double[] x = p.drawPoint(random);
    double[] t = Vectors.plus(p.value(x), Vectors.uniform(random, 2, -0.1, 0.1));
    double floor = NewtonSolver.DEFAULT_EIGENVALUE_FLOOR;
    double[] closed = NewtonSolverTests.step(new NewtonSolver(p, floor, Double.NaN, true), x, t, new SolverDiagnostics());
    double[] library = NewtonSolverTests.step(new NewtonSolver(p, floor, Double.NaN, false), x, t, new SolverDiagnostics());
    assertAllClose(library, closed, 2e-6 * Vectors.norm(library), 0, "Δx");
    assertTrue(Vectors.norm(closed) > 0);
  }
}
