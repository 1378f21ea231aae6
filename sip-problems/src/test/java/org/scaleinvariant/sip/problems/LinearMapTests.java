package org.scaleinvariant.sip.problems;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.scaleinvariant.sip.problems.Close.assertAllClose;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/** Hand-computed values of the linear map, its pseudo-inverse and closest solutions. */
class LinearMapTests {
  // A = [[1, 2], [3, 4]]: det = −2, A⁻¹ = [[−2, 1], [1.5, −0.5]].
  private final LinearMap square = new LinearMap(new double[][] {{1, 2}, {3, 4}});
  // B = [[1, 2], [2, 4]]: rank 1, σ = (5, 0), B⁺ = B/25.
  private final LinearMap singular = new LinearMap(new double[][] {{1, 2}, {2, 4}});

  private static double[] forward(LinearMap problem, double... x) {
    double[] y = new double[x.length / problem.inputSize() * problem.outputSize()];
    problem.forward(x, y, x.length / problem.inputSize());
    return y;
  }

  private static double[] closest(LinearMap problem, double[] x, double[] yStar) {
    double[] closest = new double[x.length];
    problem.exactSolutions().orElseThrow().closestSolution(x, yStar, closest, x.length / problem.inputSize());
    return closest;
  }

  @Test
  void forwardMultipliesByTheMatrixPerSample() {
    // (1, −1) ↦ (1 − 2, 3 − 4) = (−1, −1); (0.5, 2) ↦ (0.5 + 4, 1.5 + 8) = (4.5, 9.5)
    assertArrayEquals(new double[] {-1, -1, 4.5, 9.5}, forward(square, 1, -1, 0.5, 2), 0);
  }

  @Test
  void jacobianIsTheMatrixAndTheHessianIsZero() {
    double[] jacobian = new double[8];
    square.jacobian(new double[] {7, 8, -1, 0}, jacobian, 2);
    assertArrayEquals(new double[] {1, 2, 3, 4, 1, 2, 3, 4}, jacobian, 0);
    double[] hessian = {9, 9, 9, 9, 9, 9, 9, 9};
    square.weightedOutputHessian(new double[4], new double[] {1, 2, 3, 4}, hessian, 2);
    assertArrayEquals(new double[8], hessian, 0);
  }

  @Test
  void vectorJacobianProductIsTheTransposeTimesV() {
    // Aᵀ(1, 2) = (1 + 6, 2 + 8) = (7, 10); Aᵀ(0, −1) = (−3, −4)
    double[] out = new double[4];
    square.vectorJacobianProduct(new double[4], new double[] {1, 2, 0, -1}, out, 2);
    assertArrayEquals(new double[] {7, 10, -3, -4}, out, 0);
  }

  @Test
  void squareMatrixHasItsInverseAsPseudoInverse() {
    assertAllClose(new double[] {-2, 1, 1.5, -0.5}, square.pseudoInverse(), 1e-15, 1e-14);
    assertEquals(2, square.rank());
    // σ² are the eigenvalues of AᵀA = [[10, 14], [14, 20]]: 15 ± √221
    assertAllClose(
        new double[] {Math.sqrt(15 + Math.sqrt(221)), Math.sqrt(15 - Math.sqrt(221))},
        square.singularValues(),
        1e-15,
        1e-14);
  }

  @Test
  void squareMatrixSolutionIsTheInverseWhateverX() {
    // A⁻¹(5, 11) = (−10 + 11, 7.5 − 5.5) = (1, 2), from any x
    assertAllClose(
        new double[] {1, 2, 1, 2},
        closest(square, new double[] {0, 0, 100, -50}, new double[] {5, 11, 5, 11}),
        1e-14,
        1e-14);
  }

  @Test
  void singularMatrixHasRankOneAndAScaledPseudoInverse() {
    assertEquals(1, singular.rank());
    assertAllClose(new double[] {5, 0}, singular.singularValues(), 1e-15, 1e-15);
    assertAllClose(new double[] {0.04, 0.08, 0.08, 0.16}, singular.pseudoInverse(), 1e-17, 1e-14);
  }

  @Test
  void singularMatrixSolutionIsTheMinimumNormChange() {
    // Solutions of B x = (5, 10) are the line x1 + 2 x2 = 5. From (0, 0): (1, 2). From (3, 0):
    // (3, 0) + (5 − 3)/5·(1, 2) = (3.4, 0.8).
    assertAllClose(
        new double[] {1, 2, 3.4, 0.8},
        closest(singular, new double[] {0, 0, 3, 0}, new double[] {5, 10, 5, 10}),
        1e-14,
        1e-14);
  }

  @Test
  void unreachableTargetIsProjectedOntoTheRangeFirst() {
    // (5, 0) is not in span{(1, 2)}; its projection is (1, 2), whose solutions are x1 + 2 x2 = 1;
    // the closest to (0, 0) is (0.2, 0.4).
    assertAllClose(
        new double[] {0.2, 0.4},
        closest(singular, new double[] {0, 0}, new double[] {5, 0}),
        1e-15,
        1e-14);
    // 3×1, A = (1, 2, 2)ᵀ: A⁺ = (1, 2, 2)/9; y* = (3, 3, 6) ↦ (3 + 6 + 12)/9 = 7/3 (least squares)
    LinearMap tall = new LinearMap(new double[][] {{1}, {2}, {2}});
    assertAllClose(new double[] {7.0 / 3}, closest(tall, new double[] {-4}, new double[] {3, 3, 6}), 1e-15, 1e-14);
  }

  @Test
  void wideMatrixSolutionMovesOnlyInTheRowSpace() {
    // A = (3, 4): A⁺ = (0.12, 0.16). y* = 10. From (0, 0): (1.2, 1.6). From (1, 1): A x = 7, so
    // (1, 1) + 3·(0.12, 0.16) = (1.36, 1.48).
    LinearMap wide = new LinearMap(new double[][] {{3, 4}});
    assertEquals(2, wide.inputSize());
    assertEquals(1, wide.outputSize());
    assertAllClose(
        new double[] {1.2, 1.6, 1.36, 1.48},
        closest(wide, new double[] {0, 0, 1, 1}, new double[] {10, 10}),
        1e-14,
        1e-14);
  }

  @Test
  void generatedSingularValuesAreLogSpacedFromOneToOneOverTheCondition() {
    // r = 4, κ = 1000: σ_i = 1000^(−i/3) = 10^(−i)
    assertAllClose(
        new double[] {1, 0.1, 0.01, 0.001}, new LinearMap(4, 4, 1000, 7).singularValues(), 1e-15, 1e-12);
    // m = 5, n = 3: r = 3, σ = (1, 1000^(−1/2), 0.001)
    LinearMap tall = new LinearMap(3, 5, 1000, 7);
    assertAllClose(new double[] {1, 1 / Math.sqrt(1000), 0.001}, tall.singularValues(), 1e-15, 1e-12);
    assertEquals(3, tall.rank());
    assertEquals(1, new LinearMap(1, 1, 50, 3).singularValues()[0], 1e-15);
  }

  @Test
  void conditionOneGivesAnOrthogonalMatrix() {
    int n = 5;
    double[] a = new LinearMap(n, n, 1, 11).matrix();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double dot = 0;
        for (int k = 0; k < n; k++) {
          dot += a[k * n + i] * a[k * n + j];
        }
        assertEquals(i == j ? 1 : 0, dot, 1e-14, "(AᵀA)[" + i + "][" + j + "]");
      }
    }
  }

  @Test
  void theMatrixSeedDeterminesTheMatrix() {
    assertArrayEquals(new LinearMap(3, 4, 100, 5).matrix(), new LinearMap(3, 4, 100, 5).matrix());
    assertFalse(Arrays.equals(new LinearMap(3, 4, 100, 5).matrix(), new LinearMap(3, 4, 100, 6).matrix()));
  }

  @Test
  void accessorsReturnCopies() {
    square.matrix()[0] = 99;
    square.pseudoInverse()[0] = 99;
    square.singularValues()[0] = 99;
    assertArrayEquals(new double[] {1, 2, 3, 4}, square.matrix(), 0);
    assertAllClose(new double[] {-2, 1, 1.5, -0.5}, square.pseudoInverse(), 1e-15, 1e-14);
  }

  @Test
  void shortArraysAreRejectedWithShapeMismatch() {
    LinearMap wide = new LinearMap(new double[][] {{1, 2, 3}, {4, 5, 6}}); // n = 3, m = 2
    double[] two = new double[2];
    double[] three = new double[3];
    double[] five = new double[5];
    assertShapeMismatch(() -> wide.forward(two, two, 1));
    assertShapeMismatch(() -> wide.forward(three, new double[1], 1));
    assertShapeMismatch(() -> wide.jacobian(three, five, 1));
    assertShapeMismatch(() -> wide.vectorJacobianProduct(three, new double[1], three, 1));
    assertShapeMismatch(() -> wide.vectorJacobianProduct(three, two, two, 1));
    assertShapeMismatch(() -> wide.weightedOutputHessian(three, two, new double[8], 1));
    assertShapeMismatch(() -> wide.sampleTargets(new SplittableRandom(1), three, 2));
    assertShapeMismatch(() -> wide.sampleTrainingPairs(new SplittableRandom(1), new double[4], five, 2));
    assertShapeMismatch(() -> wide.closestSolution(three, two, two, 1));
    assertEquals(
        ErrorCode.INVALID_ARGUMENT, assertThrows(SipException.class, () -> wide.forward(three, two, 0)).code());
  }

  private static void assertShapeMismatch(Executable call) {
    assertEquals(ErrorCode.SHAPE_MISMATCH, assertThrows(SipException.class, call).code());
  }
}
