package org.scaleinvariant.sip.solvers.analytic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;

/** Allclose-style assertions: {@code |actual − expected| ≤ atol + rtol·|expected|}, shapes first. */
final class Close {
  private Close() {}

  static void assertAllClose(double[] expected, double[] actual, double atol, double rtol, String context) {
    assertEquals(expected.length, actual.length, () -> "length; " + context);
    for (int i = 0; i < expected.length; i++) {
      double bound = atol + rtol * Math.abs(expected[i]);
      if (!(Math.abs(actual[i] - expected[i]) <= bound)) {
        fail(
            "index "
                + i
                + ": |"
                + actual[i]
                + " − "
                + expected[i]
                + "| > "
                + bound
                + "\n expected "
                + Arrays.toString(expected)
                + "\n actual   "
                + Arrays.toString(actual)
                + "\n "
                + context);
      }
    }
  }

  static double[] plus(double[] a, double[] b) {
    double[] sum = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      sum[i] = a[i] + b[i];
    }
    return sum;
  }

  static double[] uniform(java.util.SplittableRandom random, int count, double halfWidth) {
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = random.nextDouble(-halfWidth, halfWidth);
    }
    return values;
  }
}
