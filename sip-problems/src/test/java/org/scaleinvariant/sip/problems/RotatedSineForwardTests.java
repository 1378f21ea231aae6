package org.scaleinvariant.sip.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.scaleinvariant.sip.problems.Close.assertAllClose;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.problems.RotatedSine.Form;

/**
 * Hand-computed values of P, J, Jᵀv and Σ w_k ∇²P_k. Reference numbers: sin 1 =
 * 0.8414709848078965, sin 0.3125 = 0.30743851458038085, cos 0.3125 = 0.9515679480481722 (IEEE
 * double values, as printed by CPython's math module).
 */
class RotatedSineForwardTests {
  private static final double SIN_1 = 0.8414709848078965;
  private static final double SIN_0_3125 = 0.30743851458038085;
  private static final double COS_0_3125 = 0.9515679480481722;
  private static final double SQRT_HALF = Math.sqrt(0.5);

  private static double[] forward(RotatedSine problem, double... x) {
    double[] y = new double[x.length];
    problem.forward(x, y, x.length / 2);
    return y;
  }

  @Test
  void paperFormWithoutRotationIsSineOfGammaOverXiAndLinearGammaXi() {
    // φ = 0: x̂ = x. ξ = 32, γ = 10: a = 10/32 = 0.3125, B = 320.
    // x = (3.2, 0.5): P1 = sin(0.3125·3.2) = sin(1); P2 = 320·0.5 = 160.
    RotatedSine problem = new RotatedSine(32, 0, Form.PAPER, 10);
    assertAllClose(new double[] {SIN_1, 160}, forward(problem, 3.2, 0.5), 1e-15, 1e-15);
  }

  @Test
  void bookFormWithoutRotationIsSineOverXiAndLinearXi() {
    // φ = 0, ξ = 2: x = (π/6, 3): P1 = sin(π/6)/2 = 0.5/2 = 0.25; P2 = 2·3 = 6.
    RotatedSine problem = new RotatedSine(2, 0, Form.BOOK, 10);
    assertAllClose(new double[] {0.25, 6}, forward(problem, Math.PI / 6, 3), 1e-15, 1e-15);
  }

  @Test
  void ninetyDegreesSwapsTheRolesOfTheCoordinates() {
    // φ = 90°: R = [[0, −1], [1, 0]], x̂ = (−x2, x1).
    // paper, ξ = 32, γ = 10, x = (0.25, −3.2): x̂ = (3.2, 0.25), P = (sin 1, 320·0.25 = 80).
    RotatedSine paper = new RotatedSine(32, 90, Form.PAPER, 10);
    assertAllClose(new double[] {SIN_1, 80}, forward(paper, 0.25, -3.2), 1e-14, 1e-14);
    // book, ξ = 4, x = (1, −π/2): x̂ = (π/2, 1), P = (sin(π/2)/4 = 0.25, 4·1 = 4).
    RotatedSine book = new RotatedSine(4, 90, Form.BOOK, 10);
    assertAllClose(new double[] {0.25, 4}, forward(book, 1, -Math.PI / 2), 1e-14, 1e-14);
  }

  @Test
  void genericRotationPaperDefaults() {
    // φ = 45°: cos = sin = √½. x = (√2, 0): x̂ = (√½·√2, √½·√2) = (1, 1).
    // ξ = 32, γ = 10: P = (sin(0.3125·1), 320·1) = (0.30743851458038085, 320).
    RotatedSine problem = RotatedSine.create(Options.empty());
    assertAllClose(
        new double[] {SIN_0_3125, 320}, forward(problem, Math.sqrt(2), 0), 1e-14, 1e-14);
  }

  @Test
  void genericRotationBook() {
    // φ = 30°: cos = √3/2, sin = 1/2; ξ = 2; x = (1, 2):
    // x̂1 = √3/2·1 − 1/2·2 = −0.1339745962155614, x̂2 = 1/2·1 + √3/2·2 = 2.232050807568877,
    // P1 = sin(−0.1339745962155614)/2 = −0.06678708322635163, P2 = 2·2.232050807568877.
    RotatedSine problem = new RotatedSine(2, 30, Form.BOOK, 10);
    assertAllClose(
        new double[] {-0.06678708322635163, 4.464101615137754},
        forward(problem, 1, 2),
        1e-15,
        1e-14);
  }

  @Test
  void batchSamplesAreIndependentAndOnlyTheFirstRowsAreWritten() {
    RotatedSine problem = new RotatedSine(32, 0, Form.PAPER, 10);
    double[] x = {3.2, 0.5, 0, -1, 99, 99};
    double[] y = {7, 7, 7, 7, 7, 7};
    problem.forward(x, y, 2);
    // sample 2: x = (0, −1): P = (sin 0, 320·(−1)); the third row is beyond the batch.
    assertAllClose(new double[] {SIN_1, 160, 0, -320, 7, 7}, y, 1e-15, 1e-15);
  }

  @Test
  void jacobianAtAHandComputedPoint() {
    // Defaults (paper, ξ = 32, γ = 10, φ = 45°), x = (√2, 0), x̂ = (1, 1).
    // Row 1: A·a·cos(a·x̂1)·(cos φ, −sin φ) = 0.3125·cos(0.3125)·(√½, −√½)
    //        = 0.2973649837650538·0.7071067811865476 = ±0.2102687965076972.
    // Row 2: B·(sin φ, cos φ) = 320·(√½, √½) = 226.27416997969522 each.
    RotatedSine problem = new RotatedSine(32, 45, Form.PAPER, 10);
    double[] jacobian = new double[4];
    problem.jacobian(new double[] {Math.sqrt(2), 0}, jacobian, 1);
    assertAllClose(
        new double[] {
          0.2102687965076972, -0.2102687965076972, 226.27416997969522, 226.27416997969522
        },
        jacobian,
        1e-15,
        1e-14);
    assertEquals(0.3125 * COS_0_3125 * SQRT_HALF, jacobian[0], 1e-15);
  }

  @Test
  void vectorJacobianProductAtAHandComputedPoint() {
    // Same point; v = (2, −1): Jᵀv = (2·0.2102687965076972 − 226.27416997969522,
    //                                  −2·0.2102687965076972 − 226.27416997969522).
    RotatedSine problem = new RotatedSine(32, 45, Form.PAPER, 10);
    double[] out = new double[2];
    problem.vectorJacobianProduct(new double[] {Math.sqrt(2), 0}, new double[] {2, -1}, out, 1);
    assertAllClose(
        new double[] {0.4205375930153944 - 226.27416997969522, -0.4205375930153944 - 226.27416997969522},
        out,
        1e-13,
        1e-14);
  }

  @Test
  void weightedOutputHessianAtAHandComputedPoint() {
    // Same point; w = (2, 5): only P1 curves. ∇²P1 = −A·a²·sin(a·x̂1)·r·rᵀ, r = (√½, −√½):
    // w1·(−0.3125²·sin 0.3125) = 2·(−0.09765625·0.30743851458038085) = −0.06004658487898064,
    // times r·rᵀ = [[½, −½], [−½, ½]] gives diagonal −0.03002329243949032, off-diagonal +0.0300…
    RotatedSine problem = new RotatedSine(32, 45, Form.PAPER, 10);
    double[] out = new double[4];
    problem.weightedOutputHessian(new double[] {Math.sqrt(2), 0}, new double[] {2, 5}, out, 1);
    assertAllClose(
        new double[] {
          -0.03002329243949032, 0.03002329243949032, 0.03002329243949032, -0.03002329243949032
        },
        out,
        1e-16,
        1e-14);
    assertEquals(-2 * 0.3125 * 0.3125 * SIN_0_3125 * 0.5, out[0], 1e-16);
  }

  @Test
  void weightedOutputHessianIsZeroWhenOnlyTheLinearOutputIsWeighted() {
    RotatedSine problem = new RotatedSine(3, 17, Form.BOOK, 10);
    double[] out = {9, 9, 9, 9};
    problem.weightedOutputHessian(new double[] {0.7, -0.2}, new double[] {0, 1}, out, 1);
    assertAllClose(new double[] {0, 0, 0, 0}, out, 0, 0);
  }

  @Test
  void shortArraysAreRejectedWithShapeMismatch() {
    RotatedSine problem = new RotatedSine(32, 45, Form.PAPER, 10);
    double[] two = new double[2];
    double[] four = new double[4];
    double[] three = new double[3];
    assertShapeMismatch(() -> problem.forward(three, four, 2));
    assertShapeMismatch(() -> problem.forward(four, three, 2));
    assertShapeMismatch(() -> problem.jacobian(two, three, 1));
    assertShapeMismatch(() -> problem.vectorJacobianProduct(four, four, three, 2));
    assertShapeMismatch(() -> problem.vectorJacobianProduct(four, three, four, 2));
    assertShapeMismatch(() -> problem.weightedOutputHessian(two, two, three, 1));
    assertShapeMismatch(() -> problem.weightedOutputHessian(two, new double[1], four, 1));
    assertShapeMismatch(() -> problem.sampleTargets(new SplittableRandom(1), three, 2));
    assertShapeMismatch(() -> problem.closestSolution(four, four, three, 2));
    SipException e = assertThrows(SipException.class, () -> problem.forward(two, two, 0));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
  }

  private static void assertShapeMismatch(Executable call) {
    assertEquals(ErrorCode.SHAPE_MISMATCH, assertThrows(SipException.class, call).code());
  }
}
