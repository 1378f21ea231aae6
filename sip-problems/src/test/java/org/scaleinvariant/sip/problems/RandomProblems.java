package org.scaleinvariant.sip.problems;

import java.util.SplittableRandom;
import java.util.stream.LongStream;

/** Seeded random rotated-sine configurations for the property tests, with explicit ranges. */
final class RandomProblems {
  /** How many seeded cases each property test runs. */
  static final int CASES = 200;

  /** ξ is log-uniform in [XI_MIN, XI_MAX]. */
  static final double XI_MIN = 0.25;

  static final double XI_MAX = 64;

  /** γ is log-uniform in [GAMMA_MIN, GAMMA_MAX]. */
  static final double GAMMA_MIN = 0.5;

  static final double GAMMA_MAX = 20;

  /** φ is uniform in [−360, 360] degrees. */
  static final double PHI_MAX = 360;

  private RandomProblems() {}

  static LongStream seeds() {
    return LongStream.range(0, CASES);
  }

  /** A problem with form, ξ, φ and γ drawn from the ranges above. */
  static RotatedSine problem(SplittableRandom random) {
    RotatedSine.Form form = random.nextBoolean() ? RotatedSine.Form.PAPER : RotatedSine.Form.BOOK;
    double xi = logUniform(random, XI_MIN, XI_MAX);
    double phi = random.nextDouble(-PHI_MAX, PHI_MAX);
    double gamma = logUniform(random, GAMMA_MIN, GAMMA_MAX);
    return new RotatedSine(xi, phi, form, gamma);
  }

  /** A batch of {@code batch} points of R², each component uniform in [−halfWidth, halfWidth). */
  static double[] points(SplittableRandom random, int batch, double halfWidth) {
    double[] x = new double[2 * batch];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextDouble(-halfWidth, halfWidth);
    }
    return x;
  }

  private static double logUniform(SplittableRandom random, double min, double max) {
    return Math.exp(random.nextDouble(Math.log(min), Math.log(max)));
  }
}
