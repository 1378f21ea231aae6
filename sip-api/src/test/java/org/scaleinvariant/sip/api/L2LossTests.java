package org.scaleinvariant.sip.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class L2LossTests {
  // Two samples, m = 2: y = [(1, 2), (0, -1)], y* = [(0, 0), (2, 1)].
  private final double[] y = {1, 2, 0, -1};
  private final double[] yStar = {0, 0, 2, 1};

  @Test
  void valueIsTheMeanOfHalfTheSquaredDistance() {
    // sample 0: ½(1 + 4) = 2.5; sample 1: ½(4 + 4) = 4; mean = 3.25
    assertEquals(3.25, L2Loss.INSTANCE.value(y, yStar, 2, 2), 1e-15);
  }

  @Test
  void gradientIsTheResidual() {
    double[] g = new double[4];
    L2Loss.INSTANCE.gradient(y, yStar, g, 2, 2);
    assertArrayEquals(new double[] {1, 2, -2, -2}, g, 0);
  }

  @Test
  void newtonTargetMovesEtaOfTheWayToTheTarget() {
    double[] t = new double[4];
    L2Loss.INSTANCE.newtonTarget(y, yStar, 1.0, t, 2, 2);
    assertArrayEquals(yStar, t, 0, "eta = 1 is a full Newton step onto y*");
    L2Loss.INSTANCE.newtonTarget(y, yStar, 0.25, t, 2, 2);
    // y + 0.25 (y* - y): (1 - 0.25, 2 - 0.5, 0 + 0.5, -1 + 0.5)
    assertArrayEquals(new double[] {0.75, 1.5, 0.5, -0.5}, t, 1e-15);
  }
}
