package org.scaleinvariant.sip.problems;

import static org.scaleinvariant.sip.problems.Close.assertAllClose;
import static org.scaleinvariant.sip.problems.Close.assertClose;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property tests: the analytic derivatives against central finite differences, and the three
 * derivative methods against each other, for {@value RandomProblems#CASES} seeded configurations
 * (both forms; ξ, γ, φ in the ranges of {@link RandomProblems}) with {@value #BATCH} points each,
 * every component of x uniform in [−{@value #X_HALF_WIDTH}, {@value #X_HALF_WIDTH}).
 */
class RotatedSineDerivativeTests {
  private static final int BATCH = 8;
  private static final double X_HALF_WIDTH = 10;

  /** Central-difference step. */
  private static final double H = 1e-6;

  /**
   * Finite-difference tolerance, from the error model of central differences. Rounding
   * contributes about ε·|f(x)|/h ≈ 2.2e-10·|f(x)| (covered by {@code FD_ATOL·(1 + |f(x)|)} with a
   * margin of about 500) plus about ε·|x|/h relative to the derivative itself (|x| ≤ 15 gives
   * 3.3e-9, covered by {@code FD_RTOL}). Truncation contributes h²/6 times the next derivative
   * (at most A·a³ for P1 and |w1|·A·a⁴ for J), added explicitly since a = γ/ξ reaches 80 in the
   * sampled ranges.
   */
  private static final double FD_ATOL = 1e-7;

  private static final double FD_RTOL = 1e-6;

  static LongStream seeds() {
    return RandomProblems.seeds();
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void jacobianMatchesCentralDifferences(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    RotatedSine problem = RandomProblems.problem(random);
    double[] x = RandomProblems.points(random, BATCH, X_HALF_WIDTH);
    double[] jacobian = new double[4 * BATCH];
    problem.jacobian(x, jacobian, BATCH);
    double[] y = new double[2 * BATCH];
    problem.forward(x, y, BATCH);
    double[] plus = new double[2];
    double[] minus = new double[2];
    for (int b = 0; b < BATCH; b++) {
      for (int j = 0; j < 2; j++) {
        double[] point = {x[2 * b], x[2 * b + 1]};
        point[j] += H;
        problem.forward(point, plus, 1);
        point[j] -= 2 * H;
        problem.forward(point, minus, 1);
        for (int k = 0; k < 2; k++) {
          double difference = (plus[k] - minus[k]) / (2 * H);
          double truncation = k == 0 ? H * H * thirdDerivativeBound(problem) : 0;
          assertClose(
              difference,
              jacobian[4 * b + 2 * k + j],
              FD_ATOL * (1 + Math.abs(y[2 * b + k])) + truncation,
              FD_RTOL,
              problem + " sample " + b + " entry (" + k + ", " + j + ")");
        }
      }
    }
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void weightedOutputHessianMatchesDifferencesOfTheJacobian(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    RotatedSine problem = RandomProblems.problem(random);
    double[] x = RandomProblems.points(random, BATCH, X_HALF_WIDTH);
    double[] w = RandomProblems.points(random, BATCH, 3);
    double[] hessian = new double[4 * BATCH];
    problem.weightedOutputHessian(x, w, hessian, BATCH);
    double[] plus = new double[4];
    double[] minus = new double[4];
    for (int b = 0; b < BATCH; b++) {
      // Σ_k w_k ∂²P_k/∂x_i∂x_j ≈ Σ_k w_k (J_kj(x + h e_i) − J_kj(x − h e_i)) / 2h
      double[] expected = new double[4];
      for (int i = 0; i < 2; i++) {
        double[] point = {x[2 * b], x[2 * b + 1]};
        point[i] += H;
        problem.jacobian(point, plus, 1);
        point[i] -= 2 * H;
        problem.jacobian(point, minus, 1);
        for (int j = 0; j < 2; j++) {
          for (int k = 0; k < 2; k++) {
            expected[2 * i + j] += w[2 * b + k] * (plus[2 * k + j] - minus[2 * k + j]) / (2 * H);
          }
        }
      }
      double[] actual = {hessian[4 * b], hessian[4 * b + 1], hessian[4 * b + 2], hessian[4 * b + 3]};
      double w1 = Math.abs(w[2 * b]);
      double slope = w1 * problem.amplitude() * problem.frequency();
      double truncation = H * H * w1 * thirdDerivativeBound(problem) * problem.frequency();
      assertAllClose(
          expected,
          actual,
          FD_ATOL * (1 + slope) + truncation,
          FD_RTOL,
          problem + " sample " + b);
      assertClose(actual[1], actual[2], 0, 0, "symmetric, sample " + b);
    }
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void vectorJacobianProductEqualsTransposedJacobianTimesV(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    RotatedSine problem = RandomProblems.problem(random);
    double[] x = RandomProblems.points(random, BATCH, X_HALF_WIDTH);
    double[] v = RandomProblems.points(random, BATCH, 5);
    double[] jacobian = new double[4 * BATCH];
    problem.jacobian(x, jacobian, BATCH);
    double[] expected = new double[2 * BATCH];
    for (int b = 0; b < BATCH; b++) {
      for (int j = 0; j < 2; j++) {
        expected[2 * b + j] =
            jacobian[4 * b + j] * v[2 * b] + jacobian[4 * b + 2 + j] * v[2 * b + 1];
      }
    }
    double[] out = new double[2 * BATCH];
    problem.vectorJacobianProduct(x, v, out, BATCH);
    // The same products in a different order: a few ulps of the largest term, at most
    // (A·a + B)·max|v| with max|v| = 5.
    double largest = (problem.amplitude() * problem.frequency() + problem.gain()) * 5;
    assertAllClose(expected, out, 1e-15 * largest, 0, problem.toString());
  }

  /** A·a³, a bound on the third derivative of P1 along x̂1 (|r| = 1). */
  private static double thirdDerivativeBound(RotatedSine problem) {
    double a = problem.frequency();
    return problem.amplitude() * a * a * a;
  }
}
