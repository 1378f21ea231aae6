package org.scaleinvariant.sip.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HuberLossTests {
  // δ = 1, one sample, m = 5, y* = 0: residuals r = (0.5, −1, 1, 4, −3).
  private final HuberLoss loss = new HuberLoss(1);
  private final double[] y = {0.5, -1, 1, 4, -3};
  private final double[] yStar = new double[5];

  @Test
  void valueIsQuadraticInsideAndLinearOutside() {
    // ½·0.25 + ½ + ½ + (4 − ½) + (3 − ½) = 0.125 + 0.5 + 0.5 + 3.5 + 2.5 = 7.125
    assertEquals(7.125, loss.value(y, yStar, 1, 5), 1e-15);
    // two samples: the mean per sample. Second sample at its target: (7.125 + 0) / 2
    double[] twoY = {0.5, -1, 1, 4, -3, 1, 1, 1, 1, 1};
    double[] twoStar = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
    assertEquals(3.5625, loss.value(twoY, twoStar, 2, 5), 1e-15);
  }

  @Test
  void valueWithAnotherDelta() {
    // δ = 2, r = 5: 2·(5 − 1) = 8; r = 1.5: ½·2.25 = 1.125
    assertEquals(9.125, new HuberLoss(2).value(new double[] {5, 1.5}, new double[2], 1, 2), 1e-15);
  }

  @Test
  void gradientIsTheResidualClippedToDelta() {
    double[] g = new double[5];
    loss.gradient(y, yStar, g, 1, 5);
    assertArrayEquals(new double[] {0.5, -1, 1, 1, -1}, g, 0);
  }

  @Test
  void newtonStepBelowDeltaIsTheFullL2Step() {
    // |r| = 0.5 < δ: Δy = −η·r. η = 1 lands on y*; η = 0.5 halves the residual.
    double[] t = new double[1];
    loss.newtonTarget(new double[] {2.5}, new double[] {2}, 1, t, 1, 1);
    assertEquals(2, t[0], 0);
    loss.newtonTarget(new double[] {2.5}, new double[] {2}, 0.5, t, 1, 1);
    assertEquals(2.25, t[0], 0);
  }

  @Test
  void newtonStepAtDeltaIsStillTheFullStep() {
    // |r| = δ: both branches give −η·r; η = 1 lands on y*.
    double[] t = new double[2];
    loss.newtonTarget(new double[] {3, -3}, new double[] {2, -2}, 1, t, 1, 2);
    assertArrayEquals(new double[] {2, -2}, t, 0);
  }

  @Test
  void newtonStepBeyondDeltaMovesByEtaTimesDelta() {
    // r = (4, −3), δ = 1: Δy = −η·(1, −1). η = 1: t = (3, −2); η = 0.3: t = (3.7, −2.7).
    double[] t = new double[2];
    loss.newtonTarget(new double[] {4, -3}, new double[2], 1, t, 1, 2);
    assertArrayEquals(new double[] {3, -2}, t, 0);
    loss.newtonTarget(new double[] {4, -3}, new double[2], 0.3, t, 1, 2);
    assertArrayEquals(new double[] {3.7, -2.7}, t, 1e-15);
    // δ = 2.5, r = 10: t = 10 − 2.5 = 7.5
    new HuberLoss(2.5).newtonTarget(new double[] {10}, new double[1], 1, t, 1, 1);
    assertEquals(7.5, t[0], 0);
  }

  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  /**
   * The step lowers the loss for every η in (0, 2), by at least η(1 − η/2)·h'(r)² (the descent
   * lemma). Ranges: δ log-uniform in [1e-3, 1e3], r uniform in [−20δ, 20δ], y* uniform in [−5, 5],
   * η uniform in [0.05, 1.95].
   */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void everyStepWithEtaBelowTwoLowersTheLoss(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double delta = Math.exp(random.nextDouble(Math.log(1e-3), Math.log(1e3)));
    double eta = random.nextDouble(0.05, 1.95);
    HuberLoss huber = new HuberLoss(delta);
    double[] yStar = {random.nextDouble(-5, 5)};
    double[] y = {yStar[0] + random.nextDouble(-20, 20) * delta};
    double[] t = new double[1];
    huber.newtonTarget(y, yStar, eta, t, 1, 1);
    double[] g = new double[1];
    huber.gradient(y, yStar, g, 1, 1);
    double before = huber.value(y, yStar, 1, 1);
    double after = huber.value(t, yStar, 1, 1);
    double decrease = eta * (1 - eta / 2) * g[0] * g[0];
    assertTrue(
        after <= before - decrease + 1e-12 * (before + 1),
        "δ=" + delta + " η=" + eta + " before " + before + " after " + after + " bound " + decrease);
    // t − y is rounded at the scale of |y|: allow two ulps of it beyond ηδ.
    assertTrue(Math.abs(t[0] - y[0]) <= eta * delta + 2 * Math.ulp(Math.abs(y[0])), "|Δy| ≤ ηδ");
  }

  @Test
  void deltaMustBeFiniteAndPositive() {
    for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertEquals(
          ErrorCode.INVALID_ARGUMENT, assertThrows(SipException.class, () -> new HuberLoss(bad)).code());
    }
  }

  @Test
  void shortArraysAreRejected() {
    assertEquals(
        ErrorCode.SHAPE_MISMATCH,
        assertThrows(SipException.class, () -> loss.newtonTarget(y, yStar, 1, new double[4], 1, 5))
            .code());
  }
}
