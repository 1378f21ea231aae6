package org.scaleinvariant.sip.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.scaleinvariant.sip.problems.Close.assertAllClose;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;

/**
 * The derivatives of the linear grid problems (heat in 1-D and 2-D, Poisson) on small grids: the
 * dense Jacobian against central differences of {@code forward}, the vector-Jacobian product
 * against Jᵀv summed from the dense Jacobian, exact symmetry, and zero output Hessians.
 */
class GridProblemDerivativeTests {
  private static final int BATCH = 2;

  static Stream<Arguments> problems() {
    return Stream.of(
        Arguments.of(new HeatEquation(1, 16, HeatEquation.DEFAULT_AMOUNT)),
        Arguments.of(new HeatEquation(1, 32, 1e-4)),
        Arguments.of(new HeatEquation(2, 8, HeatEquation.DEFAULT_AMOUNT)),
        Arguments.of(new HeatEquation(2, 8, 0.02)),
        Arguments.of(new PoissonEquation(8)));
  }

  private static double[] inputs(Problem problem, long seed) {
    return Grids.whiteNoise(new SplittableRandom(seed), BATCH * problem.inputSize(), 2);
  }

  private static double[] jacobian(Problem problem, double[] x) {
    int n = problem.inputSize();
    double[] jacobian = new double[BATCH * n * n];
    problem.jacobian(x, jacobian, BATCH);
    return jacobian;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void jacobianMatchesCentralDifferences(Problem problem) {
    // P is linear, so central differences have no truncation error; with step h = 1e-3 the rounding
    // error is about ε·|P(x)|/h ≈ 1e-12 (values O(1)): tolerance 1e-10.
    int n = problem.inputSize();
    double[] x = inputs(problem, 1);
    double[] jacobian = jacobian(problem, x);
    double h = 1e-3;
    double[] plus = new double[n];
    double[] minus = new double[n];
    for (int b = 0; b < BATCH; b++) {
      for (int j = 0; j < n; j++) {
        double[] point = Arrays.copyOfRange(x, b * n, (b + 1) * n);
        point[j] += h;
        problem.forward(point, plus, 1);
        point[j] -= 2 * h;
        problem.forward(point, minus, 1);
        for (int k = 0; k < n; k++) {
          double difference = (plus[k] - minus[k]) / (2 * h);
          double entry = jacobian[b * n * n + k * n + j];
          assertEquals(difference, entry, 1e-10, problem + " sample " + b + " entry (" + k + ", " + j + ")");
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void jacobianIsExactlySymmetricAndTheSameForEverySample(Problem problem) {
    int n = problem.inputSize();
    double[] jacobian = jacobian(problem, inputs(problem, 2));
    for (int k = 0; k < n; k++) {
      for (int j = 0; j < k; j++) {
        assertEquals(jacobian[k * n + j], jacobian[j * n + k], problem + " (" + k + ", " + j + ")");
      }
    }
    assertEquals(
        Arrays.toString(Arrays.copyOfRange(jacobian, 0, n * n)),
        Arrays.toString(Arrays.copyOfRange(jacobian, n * n, 2 * n * n)),
        "sample 1's Jacobian differs from sample 0's");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void vectorJacobianProductEqualsTheTransposedJacobianTimesV(Problem problem) {
    // Jᵀv summed from the dense matrix versus the Fourier-multiplier product: both are exact up to
    // rounding of O(1) values, tolerance 1e-13.
    int n = problem.inputSize();
    double[] x = inputs(problem, 3);
    double[] v = Grids.whiteNoise(new SplittableRandom(4), BATCH * n, 1);
    double[] jacobian = jacobian(problem, x);
    double[] expected = new double[BATCH * n];
    for (int b = 0; b < BATCH; b++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
          sum += jacobian[b * n * n + k * n + j] * v[b * n + k];
        }
        expected[b * n + j] = sum;
      }
    }
    double[] out = new double[BATCH * n];
    problem.vectorJacobianProduct(x, v, out, BATCH);
    assertAllClose(expected, out, 1e-13, 0, problem.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void outputHessiansAreZeroAndNothingBeyondTheBatchIsWritten(Problem problem) {
    int n = problem.inputSize();
    double[] out = new double[BATCH * n * n + 1];
    Arrays.fill(out, 7);
    problem.weightedOutputHessian(inputs(problem, 5), inputs(problem, 6), out, BATCH);
    for (int i = 0; i < BATCH * n * n; i++) {
      assertEquals(0, out[i], "index " + i);
    }
    assertEquals(7, out[BATCH * n * n], "the sentinel after the batch");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void shortArraysAreRejectedAsShapeMismatch(Problem problem) {
    int n = problem.inputSize();
    double[] ok = new double[BATCH * n];
    double[] shortOne = new double[BATCH * n - 1];
    assertShape(() -> problem.forward(shortOne, ok, BATCH));
    assertShape(() -> problem.forward(ok, shortOne, BATCH));
    assertShape(() -> problem.vectorJacobianProduct(ok, shortOne, ok, BATCH));
    assertShape(() -> problem.vectorJacobianProduct(ok, ok, shortOne, BATCH));
    assertShape(() -> problem.jacobian(ok, new double[BATCH * n * n - 1], BATCH));
    assertShape(() -> problem.weightedOutputHessian(ok, ok, new double[BATCH * n * n - 1], BATCH));
    assertShape(() -> problem.sampleTargets(new SplittableRandom(1), shortOne, BATCH));
    assertShape(() -> problem.sampleTrainingPairs(new SplittableRandom(1), ok, shortOne, BATCH));
  }

  private static void assertShape(org.junit.jupiter.api.function.Executable call) {
    SipException e = assertThrows(SipException.class, call);
    assertEquals(ErrorCode.SHAPE_MISMATCH, e.code(), e.getMessage());
  }
}
