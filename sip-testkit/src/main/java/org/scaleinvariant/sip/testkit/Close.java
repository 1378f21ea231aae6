package org.scaleinvariant.sip.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;

/**
 * Allclose-style assertions, as numpy's {@code allclose}: {@code |actual − expected| ≤ atol +
 * rtol·|expected|} element by element, after checking that the lengths agree. A failure names the
 * first offending index and prints both arrays.
 */
public final class Close {
  private Close() {}

  /**
   * Asserts that two arrays agree element by element within {@code atol + rtol·|expected[i]|}.
   *
   * @param expected the reference values
   * @param actual the values under test
   * @param atol the absolute tolerance, {@code ≥ 0}
   * @param rtol the tolerance relative to {@code |expected[i]|}, {@code ≥ 0}
   * @param context what is compared, for the message (e.g. {@code "Δx of sample 3"})
   * @throws AssertionError if the lengths differ or an element is outside the tolerance (NaN always
   *     is)
   */
  public static void assertAllClose(double[] expected, double[] actual, double atol, double rtol, String context) {
    assertEquals(expected.length, actual.length, () -> "length; " + context);
    for (int i = 0; i < expected.length; i++) {
      double bound = atol + rtol * Math.abs(expected[i]);
      if (!(Math.abs(actual[i] - expected[i]) <= bound)) {
        fail(
            (context.isEmpty() ? "" : context + ": ")
                + "index "
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
                + Arrays.toString(actual));
      }
    }
  }

  /**
   * Asserts {@code |actual − expected| ≤ atol + rtol·|expected|} for one number.
   *
   * @param expected the reference value
   * @param actual the value under test
   * @param atol the absolute tolerance
   * @param rtol the relative tolerance
   * @param context what is compared, for the message
   * @throws AssertionError if outside the tolerance
   */
  public static void assertClose(double expected, double actual, double atol, double rtol, String context) {
    assertAllClose(new double[] {expected}, new double[] {actual}, atol, rtol, context);
  }
}
