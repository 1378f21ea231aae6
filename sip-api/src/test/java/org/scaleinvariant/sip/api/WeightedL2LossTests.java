package org.scaleinvariant.sip.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WeightedL2LossTests {
  // Two samples, m = 2, w = (2, 0.5): y = [(1, 2), (0, -1)], y* = [(0, 0), (2, 1)].
  private final WeightedL2Loss loss = new WeightedL2Loss(2, 0.5);
  private final double[] y = {1, 2, 0, -1};
  private final double[] yStar = {0, 0, 2, 1};

  @Test
  void valueIsTheMeanOfHalfTheWeightedSquaredDistance() {
    // sample 0: ½(2·1 + 0.5·4) = 2; sample 1: ½(2·4 + 0.5·4) = 5; mean = 3.5
    assertEquals(3.5, loss.value(y, yStar, 2, 2), 1e-15);
  }

  @Test
  void gradientIsTheWeightedResidual() {
    double[] g = new double[4];
    loss.gradient(y, yStar, g, 2, 2);
    // w ⊙ (y − y*): (2·1, 0.5·2, 2·(−2), 0.5·(−2))
    assertArrayEquals(new double[] {2, 1, -4, -1}, g, 0);
  }

  @Test
  void newtonTargetIgnoresTheWeightsAndEqualsTheL2Target() {
    double[] weighted = new double[4];
    double[] plain = new double[4];
    for (double eta : new double[] {1, 0.25, 0.3}) {
      loss.newtonTarget(y, yStar, eta, weighted, 2, 2);
      new WeightedL2Loss(1e-4, 1e4).newtonTarget(y, yStar, eta, plain, 2, 2);
      assertArrayEquals(weighted, plain, 0, "η = " + eta);
      L2Loss.INSTANCE.newtonTarget(y, yStar, eta, plain, 2, 2);
      assertArrayEquals(plain, weighted, 0, "η = " + eta);
    }
    loss.newtonTarget(y, yStar, 0.25, weighted, 2, 2);
    // y + 0.25 (y* − y): (0.75, 1.5, 0.5, −0.5)
    assertArrayEquals(new double[] {0.75, 1.5, 0.5, -0.5}, weighted, 1e-15);
  }

  @Test
  void weightsMustMatchTheOutputSize() {
    double[] out = new double[6];
    SipException e =
        assertThrows(SipException.class, () -> loss.newtonTarget(new double[6], new double[6], 1, out, 2, 3));
    assertEquals(ErrorCode.SHAPE_MISMATCH, e.code());
    assertEquals("weighted-l2 has 2 weights; expected one per output component, m = 3", e.getMessage());
    assertEquals(
        ErrorCode.SHAPE_MISMATCH,
        assertThrows(SipException.class, () -> loss.value(new double[3], yStar, 2, 2)).code());
  }

  @Test
  void weightsMustBeFiniteAndPositive() {
    for (double[] bad : new double[][] {{}, {1, 0}, {-1}, {Double.NaN}, {Double.POSITIVE_INFINITY}}) {
      assertEquals(
          ErrorCode.INVALID_ARGUMENT,
          assertThrows(SipException.class, () -> new WeightedL2Loss(bad)).code());
    }
  }

  @Test
  void weightsAreCopied() {
    double[] w = {1, 2};
    WeightedL2Loss copy = new WeightedL2Loss(w);
    w[0] = 5;
    copy.weights()[1] = 7;
    assertArrayEquals(new double[] {1, 2}, copy.weights(), 0);
    assertEquals("weighted-l2{weights=1.0,2.0}", copy.toString());
  }
}
