package org.scaleinvariant.sip.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;

/** Allclose-style assertions: {@code |actual − expected| ≤ atol + rtol·|expected|}, shapes first. */
final class Close {
  private Close() {}

  static void assertAllClose(double[] expected, double[] actual, double atol, double rtol) {
    assertAllClose(expected, actual, atol, rtol, "");
  }

  static void assertAllClose(
      double[] expected, double[] actual, double atol, double rtol, String context) {
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
                + (context.isEmpty() ? "" : "\n " + context));
      }
    }
  }

  static void assertClose(double expected, double actual, double atol, double rtol, String context) {
    assertAllClose(new double[] {expected}, new double[] {actual}, atol, rtol, context);
  }
}
