package org.scaleinvariant.sip.problems;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scaleinvariant.sip.problems.Close.assertAllClose;
import static org.scaleinvariant.sip.problems.Close.assertClose;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.api.ExactSolutions;
import org.scaleinvariant.sip.problems.RotatedSine.Form;

/**
 * The closest exact solution: hand-computed cases, and property tests that construct a point near
 * a chosen branch (k = −2…2, both arcsine families) or anywhere far away, then check P(closest) =
 * y* and compare against every candidate of a brute-force enumeration.
 */
class RotatedSineExactSolutionsTests {
  /** How many branches on each side of the nearest one the brute force enumerates. */
  private static final int BRUTE_FORCE_BRANCHES = 60;

  static LongStream seeds() {
    return RandomProblems.seeds();
  }

  private static double[] closest(RotatedSine problem, double[] x, double[] yStar) {
    double[] closest = new double[x.length];
    ExactSolutions solutions = problem.exactSolutions().orElseThrow();
    solutions.closestSolution(x, yStar, closest, x.length / 2);
    return closest;
  }

  @Test
  void bookFormPicksTheSecondArcsineFamilyWhenItIsNearer() {
    // book, φ = 0, ξ = 2: A = 1/2, a = 1, B = 2. y* = (0.25, 3): s = 0.25/(1/2) = 0.5, asin s = π/6,
    // x̂2 = 3/2 = 1.5. Candidates for x̂1 near 2.5: π/6 ≈ 0.524, 5π/6 ≈ 2.618, 13π/6 ≈ 6.807:
    // the nearest is 5π/6 (distance 0.118).
    RotatedSine problem = new RotatedSine(2, 0, Form.BOOK, 10);
    assertAllClose(
        new double[] {5 * Math.PI / 6, 1.5},
        closest(problem, new double[] {2.5, 0}, new double[] {0.25, 3}),
        1e-15,
        1e-15);
  }

  @Test
  void farPointsFindTheirOwnBranchOnBothSides() {
    // book, φ = 0, ξ = 1: P(x) = (sin x1, x2). y* = (0, 0): x̂1 ∈ {kπ}, x̂2 = 0.
    // 1000/π = 318.31, so the nearest is 318π = 999.0264638415542; mirrored for −1000.
    RotatedSine problem = new RotatedSine(1, 0, Form.BOOK, 10);
    assertAllClose(
        new double[] {318 * Math.PI, 0, -318 * Math.PI, 0},
        closest(problem, new double[] {1000, 7, -1000, -7}, new double[] {0, 0, 0, 0}),
        1e-12,
        1e-15);
  }

  @Test
  void ninetyDegreesRotatesTheSolutionBack() {
    // paper, φ = 90°, ξ = 32, γ = 10: a = 0.3125, B = 320, x̂ = (−x2, x1), x = (x̂2, −x̂1).
    // y* = (sin 1, 80): x̂2 = 0.25, x̂1 ∈ {1/a = 3.2, (π − 1)/a = 6.853…} + 2πk/a.
    // x = (0, −3): x̂1 = 3, nearest 3.2 → x = (0.25, −3.2).
    RotatedSine problem = new RotatedSine(32, 90, Form.PAPER, 10);
    assertAllClose(
        new double[] {0.25, -3.2},
        closest(problem, new double[] {0, -3}, new double[] {Math.sin(1), 80}),
        1e-13,
        1e-13);
  }

  @Test
  void targetsOutsideTheRangeAreClippedToTheNearestReachableTarget() {
    // book, φ = 0, ξ = 4: |P1| ≤ 1/4. y1 = 3 is clipped to 1/4 (x̂1 = π/2 + 2πk), y1 = −3 to −1/4
    // (x̂1 = −π/2 + 2πk); the paper form clips y1 = ±1.5 to ±1 in the same way.
    RotatedSine book = new RotatedSine(4, 0, Form.BOOK, 10);
    assertAllClose(
        new double[] {Math.PI / 2, 0.25, -Math.PI / 2 + 2 * Math.PI, -0.5},
        closest(book, new double[] {1, 0, 4, 0}, new double[] {3, 1, -3, -2}),
        1e-14,
        1e-15);
    RotatedSine paper = new RotatedSine(32, 0, Form.PAPER, 10);
    double[] x = closest(paper, new double[] {0, 0, 0, 0}, new double[] {1.5, 0, -1.5, 0});
    double[] y = new double[4];
    paper.forward(x, y, 2);
    assertAllClose(new double[] {1, 0, -1, 0}, y, 1e-15, 0);
  }

  @Test
  void resultMayOverwriteTheInput() {
    RotatedSine problem = new RotatedSine(2, 0, Form.BOOK, 10);
    double[] x = {2.5, 0};
    problem.closestSolution(x, new double[] {0.25, 3}, x, 1);
    assertAllClose(new double[] {5 * Math.PI / 6, 1.5}, x, 1e-15, 1e-15);
  }

  /**
   * For each k = −2…2 and both families, a point is placed within 0.45 of the smallest gap between
   * candidates (in x̂1; anywhere in x̂2) of the chosen solution, so that solution is the closest.
   * s = y1/A is uniform in [−0.99, 0.99]; y2/B in [−3, 3).
   */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void eachBranchIsFoundFromNearbyPoints(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    RotatedSine problem = RandomProblems.problem(random);
    double a = problem.frequency();
    double s = random.nextDouble(-0.99, 0.99);
    double[] yStar = {problem.amplitude() * s, problem.gain() * random.nextDouble(-3, 3)};
    double rotated2 = yStar[1] / problem.gain();
    double smallestGap = (Math.PI - 2 * Math.abs(Math.asin(s))) / a;
    for (int k = -2; k <= 2; k++) {
      for (int family = 0; family < 2; family++) {
        double base = family == 0 ? Math.asin(s) : Math.PI - Math.asin(s);
        double rotated1 = (base + 2 * Math.PI * k) / a;
        double[] expected = rotateBack(problem, rotated1, rotated2);
        double[] x =
            rotateBack(
                problem,
                rotated1 + random.nextDouble(-0.45, 0.45) * smallestGap,
                rotated2 + random.nextDouble(-5, 5));
        double[] found = closest(problem, x, yStar);
        String context = problem + " k=" + k + " family=" + family;
        double size = 1 + Math.hypot(rotated1, rotated2);
        assertAllClose(expected, found, 1e-14 * size, 0, context);
        assertSolves(problem, found, yStar, context);
        assertNoCandidateIsCloser(problem, x, yStar, found, context);
      }
    }
  }

  /**
   * Arbitrary points with each component uniform in [−1000, 1000) and targets with y1/A uniform in
   * [−1.5, 1.5) (a quarter of them out of range, so clipped) and y2/B in [−3, 3).
   */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void farPointsGetTheClosestOfAllBranches(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    RotatedSine problem = RandomProblems.problem(random);
    int batch = 4;
    double[] x = RandomProblems.points(random, batch, 1000);
    double[] yStar = new double[2 * batch];
    for (int b = 0; b < batch; b++) {
      yStar[2 * b] = problem.amplitude() * random.nextDouble(-1.5, 1.5);
      yStar[2 * b + 1] = problem.gain() * random.nextDouble(-3, 3);
    }
    double[] found = closest(problem, x, yStar);
    for (int b = 0; b < batch; b++) {
      double[] xb = {x[2 * b], x[2 * b + 1]};
      double[] yb = {yStar[2 * b], yStar[2 * b + 1]};
      double[] fb = {found[2 * b], found[2 * b + 1]};
      String context = problem + " sample " + b;
      double[] clipped = {
        Math.max(-problem.amplitude(), Math.min(problem.amplitude(), yb[0])), yb[1]
      };
      assertSolves(problem, fb, clipped, context);
      assertNoCandidateIsCloser(problem, xb, yb, fb, context);
    }
  }

  /**
   * P(found) = target within the rounding of evaluating P at a point of size |found|: A·ε·(1 +
   * a·|x|) for P1 and B·ε·(1 + |x|) for P2, with ε widened to 1e-14.
   */
  private static void assertSolves(
      RotatedSine problem, double[] found, double[] target, String context) {
    double[] y = new double[2];
    problem.forward(found, y, 1);
    double size = 1 + Math.hypot(found[0], found[1]);
    assertClose(
        target[0],
        y[0],
        1e-14 * problem.amplitude() * (1 + problem.frequency() * size),
        0,
        "P1, " + context);
    assertClose(target[1], y[1], 1e-14 * problem.gain() * size, 0, "P2, " + context);
  }

  /**
   * Enumerates the candidates of both arcsine families on {@value #BRUTE_FORCE_BRANCHES} branches
   * on each side of the branch of x, maps each back to x-space, and checks that none is closer to x
   * (Euclidean distance in x-space, computed here rather than by the implementation) than {@code
   * found}.
   */
  private static void assertNoCandidateIsCloser(
      RotatedSine problem, double[] x, double[] yStar, double[] found, String context) {
    double a = problem.frequency();
    double s = Math.max(-1, Math.min(1, yStar[0] / problem.amplitude()));
    double rotated2 = yStar[1] / problem.gain();
    double phi = Math.toRadians(problem.phiDegrees());
    double rotated1OfX = Math.cos(phi) * x[0] - Math.sin(phi) * x[1];
    long center = Math.round(a * rotated1OfX / (2 * Math.PI));
    double distance = Math.hypot(found[0] - x[0], found[1] - x[1]);
    double tolerance = 1e-12 * (1 + Math.hypot(x[0], x[1]));
    for (long k = center - BRUTE_FORCE_BRANCHES; k <= center + BRUTE_FORCE_BRANCHES; k++) {
      for (double base : new double[] {Math.asin(s), Math.PI - Math.asin(s)}) {
        double[] candidate = rotateBack(problem, (base + 2 * Math.PI * k) / a, rotated2);
        double other = Math.hypot(candidate[0] - x[0], candidate[1] - x[1]);
        assertTrue(
            distance <= other + tolerance,
            () -> context + ": candidate at distance " + other + " beats " + distance);
      }
    }
  }

  /** x = R_φᵀ·x̂. */
  private static double[] rotateBack(RotatedSine problem, double rotated1, double rotated2) {
    double phi = Math.toRadians(problem.phiDegrees());
    double c = Math.cos(phi);
    double s = Math.sin(phi);
    return new double[] {c * rotated1 + s * rotated2, -s * rotated1 + c * rotated2};
  }
}
