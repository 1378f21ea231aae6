package org.scaleinvariant.sip.solvers.newton;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SolverDiagnostics;
import org.scaleinvariant.sip.testkit.RescaledProblem;
import org.scaleinvariant.sip.testkit.Vectors;

/**
 * Scale invariance to the bit: rescaling by powers of two (c = 2¹⁰ on the outputs, s = 2⁻³ on the
 * inputs) scales every quantity of the saddle-free step exactly, so Δx is bit-identical (outputs)
 * or exactly Δx/s (inputs). The conformance kit checks other scales within a tolerance ({@code
 * NewtonContractTests}); here on the mixed problem (n = 3, Hipparchus path) and the rotated sine
 * (n = 2, closed form), wrapped by the kit's {@link RescaledProblem}.
 */
class ScaleInvarianceTests {
  private static final double FLOOR = NewtonSolver.DEFAULT_EIGENVALUE_FLOOR;

  static Stream<Integer> seeds() {
    return Numerics.seeds(60);
  }

  /**
   * A problem, a point and a target from the seed: the mixed problem (even seeds) at x uniform in
   * [−1, 1]³ with σ_min(J) ≥ 0.2, or the rotated sine (odd seeds, ranges of {@link
   * RotatedSineProblem#draw} and {@link RotatedSineProblem#drawPoint}); t = y + Δy with Δy uniform
   * in [−0.01, 0.01]ᵐ. The small Δy keeps H positive definite: on the sine its weak eigenvalue is
   * (γ/ξ)²(cos²u − r₁ sin u) ≥ (γ/ξ)²(0.029 − 0.01).
   */
  private static Object[] problemPointTarget(int seed) {
    SplittableRandom random = new SplittableRandom(seed);
    TestProblem p;
    double[] x;
    if (seed % 2 == 0) {
      p = new MixedProblem();
      do {
        x = Vectors.uniform(random, 3, -1, 1);
      } while (Numerics.smallestSingularValue(p, x) < 0.2);
    } else {
      RotatedSineProblem sine = RotatedSineProblem.draw(random);
      p = sine;
      x = sine.drawPoint(random);
    }
    double[] t = Vectors.plus(p.value(x), Vectors.uniform(random, p.outputSize(), -0.01, 0.01));
    return new Object[] {p, x, t};
  }

  private static double[] step(Problem p, double[] x, double[] t) {
    return NewtonSolverTests.step(new NewtonSolver(p, FLOOR, Double.NaN), x, t, new SolverDiagnostics());
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void scalingTheOutputsByAPowerOfTwoLeavesTheStepBitIdentical(int seed) {
    Object[] ppt = problemPointTarget(seed);
    TestProblem p = (TestProblem) ppt[0];
    double[] x = (double[]) ppt[1];
    double[] t = (double[]) ppt[2];
    double c = 1024;
    assertArrayEquals(step(p, x, t), step(new RescaledProblem(p, c, 1), x, Vectors.times(c, t)), 0.0, "c = 1024");
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void scalingTheInputsByAPowerOfTwoDividesTheStepExactly(int seed) {
    Object[] ppt = problemPointTarget(seed);
    TestProblem p = (TestProblem) ppt[0];
    double[] x = (double[]) ppt[1];
    double[] t = (double[]) ppt[2];
    double s = 0.125;
    assertArrayEquals(
        Vectors.times(1 / s, step(p, x, t)), step(new RescaledProblem(p, 1, s), Vectors.times(1 / s, x), t), 0.0, "s = 1/8");
  }

  @Test
  void reportsScaleInvarianceOnlyWithoutTheCap() {
    MixedProblem p = new MixedProblem();
    assertTrue(new NewtonSolver(p, FLOOR, Double.NaN).isScaleInvariant());
    assertFalse(new NewtonSolver(p, FLOOR, 0.1).isScaleInvariant());
  }
}
