package org.scaleinvariant.sip.solvers.analytic;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;

/** Test helpers: random fields, norms and an allclose assertion that prints the worst entry. */
final class Fields {
  private Fields() {}

  /** {@code count} independent normal values of standard deviation {@code scale}. */
  static double[] whiteNoise(SplittableRandom random, int count, double scale) {
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = scale * random.nextGaussian();
    }
    return values;
  }

  static double norm(double[] values, int offset, int count) {
    double sum = 0;
    for (int i = offset; i < offset + count; i++) {
      sum += values[i] * values[i];
    }
    return Math.sqrt(sum);
  }

  static double mean(double[] values, int offset, int count) {
    double sum = 0;
    for (int i = offset; i < offset + count; i++) {
      sum += values[i];
    }
    return sum / count;
  }

  static double maxAbs(double[] values) {
    double max = 0;
    for (double value : values) {
      max = Math.max(max, Math.abs(value));
    }
    return max;
  }

  static boolean allFinite(double[] values) {
    for (double value : values) {
      if (!Double.isFinite(value)) {
        return false;
      }
    }
    return true;
  }

  /** {@code |actual − expected| ≤ atol} everywhere; the message names the worst index. */
  static void assertClose(double[] expected, double[] actual, double atol, String context) {
    if (expected.length != actual.length) {
      fail("length " + actual.length + ", expected " + expected.length + "; " + context);
    }
    int worst = 0;
    double worstError = -1;
    for (int i = 0; i < expected.length; i++) {
      double error = Math.abs(actual[i] - expected[i]);
      if (!(error <= worstError)) {
        worst = i;
        worstError = Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
      }
    }
    if (!(worstError <= atol)) {
      fail(
          "index "
              + worst
              + ": |"
              + actual[worst]
              + " − "
              + expected[worst]
              + "| = "
              + worstError
              + " > "
              + atol
              + "; "
              + context);
    }
  }
}
