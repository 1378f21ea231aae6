package org.scaleinvariant.sip.problems;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scaleinvariant.sip.problems.Close.assertAllClose;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.SipException;

/**
 * The book's simple example: hand-computed values, finite-difference property tests ({@value
 * #CASES} seeds, x uniform in [−10, 10)², weights and cotangents in [−3, 3)), closest solutions,
 * target sampling and the provider.
 */
class SimpleExampleTests {
  private static final int CASES = 200;
  private static final int BATCH = 8;
  private final SimpleExample problem = new SimpleExample();

  static LongStream seeds() {
    return LongStream.range(0, CASES);
  }

  private static double[] uniform(SplittableRandom random, int count, double halfWidth) {
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = random.nextDouble(-halfWidth, halfWidth);
    }
    return values;
  }

  @Test
  void forwardKeepsX0AndSquaresX1() {
    // (3, 3) ↦ (3, 9), the book's start; (−0.5, −2) ↦ (−0.5, 4)
    double[] y = new double[4];
    problem.forward(new double[] {3, 3, -0.5, -2}, y, 2);
    assertArrayEquals(new double[] {3, 9, -0.5, 4}, y, 0);
  }

  @Test
  void derivativesAtAHandComputedPoint() {
    // x = (3, −2): J = [[1, 0], [0, −4]]; Jᵀ(2, 5) = (2, −20); w = (7, 0.5): [[0, 0], [0, 1]]
    double[] x = {3, -2};
    double[] jacobian = new double[4];
    problem.jacobian(x, jacobian, 1);
    assertArrayEquals(new double[] {1, 0, 0, -4}, jacobian, 0);
    double[] out = new double[2];
    problem.vectorJacobianProduct(x, new double[] {2, 5}, out, 1);
    assertArrayEquals(new double[] {2, -20}, out, 0);
    double[] hessian = {9, 9, 9, 9};
    problem.weightedOutputHessian(x, new double[] {7, 0.5}, hessian, 1);
    assertArrayEquals(new double[] {0, 0, 0, 1}, hessian, 0);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void derivativesMatchFiniteDifferencesAndEachOther(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = uniform(random, 2 * BATCH, 10);
    DerivativeChecks.assertJacobianMatchesCentralDifferences(problem, x, BATCH);
    DerivativeChecks.assertWeightedHessianMatchesDifferencesOfTheJacobian(
        problem, x, uniform(random, 2 * BATCH, 3), BATCH);
    DerivativeChecks.assertVectorJacobianProductIsTheTransposedJacobianTimesV(
        problem, x, uniform(random, 2 * BATCH, 3), BATCH);
  }

  @Test
  void closestSolutionKeepsTheBranchOfX1() {
    // y* = (0.3, 4): solutions (0.3, ±2). x1 = −1 → −2; x1 = 5 → +2; x1 = 0 → + (tie).
    double[] closest = new double[6];
    problem.closestSolution(new double[] {5, -1, -5, 5, 0, 0}, new double[] {0.3, 4, 0.3, 4, 0.3, 4}, closest, 3);
    assertArrayEquals(new double[] {0.3, -2, 0.3, 2, 0.3, 2}, closest, 0);
  }

  @Test
  void negativeY1IsClippedToTheFold() {
    double[] x = {1, -3, 1, 3};
    problem.closestSolution(x, new double[] {0, -2, 0, -0.5}, x, 2); // may overwrite x
    assertAllClose(new double[] {0, 0, 0, 0}, x, 0, 0);
  }

  /**
   * For y* with y0 uniform in [−5, 5) and y1 uniform in [0, 25) and x uniform in [−10, 10)², the
   * closest solution solves P = y* (to 2 ulps of y1) and is no farther from x than the other
   * branch.
   */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void closestSolutionSolvesAndBeatsTheOtherBranch(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = uniform(random, 2 * BATCH, 10);
    double[] yStar = new double[2 * BATCH];
    for (int b = 0; b < BATCH; b++) {
      yStar[2 * b] = random.nextDouble(-5, 5);
      yStar[2 * b + 1] = random.nextDouble(0, 25);
    }
    double[] closest = new double[2 * BATCH];
    problem.exactSolutions().orElseThrow().closestSolution(x, yStar, closest, BATCH);
    double[] y = new double[2 * BATCH];
    problem.forward(closest, y, BATCH);
    for (int b = 0; b < BATCH; b++) {
      assertEquals(yStar[2 * b], y[2 * b], 0);
      assertEquals(yStar[2 * b + 1], y[2 * b + 1], 2 * Math.ulp(yStar[2 * b + 1]));
      double chosen = Math.abs(closest[2 * b + 1] - x[2 * b + 1]);
      double other = Math.abs(-closest[2 * b + 1] - x[2 * b + 1]);
      assertTrue(chosen <= other, "sample " + b + ": " + chosen + " > " + other);
    }
  }

  @Test
  void targetsCoverTheirRangesAndGroundTruthUsesBothBranches() {
    // 4000 samples: y0 in [−1, 1), y1 in [0, 1]; the branch of x1 is a fair coin, so the count of
    // negative x1 is 2000 ± 3·√1000 ≈ 2000 ± 95.
    int batch = 4000;
    double[] yStar = new double[2 * batch];
    double[] xStar = new double[2 * batch];
    problem.sampleTrainingPairs(new SplittableRandom(5), yStar, xStar, batch);
    int negative = 0;
    double minY1 = 1;
    double maxY1 = 0;
    double[] image = new double[2 * batch];
    problem.forward(xStar, image, batch);
    for (int b = 0; b < batch; b++) {
      double y0 = yStar[2 * b];
      double y1 = yStar[2 * b + 1];
      assertTrue(y0 >= -1 && y0 < 1, "y0 = " + y0);
      assertTrue(y1 >= 0 && y1 <= 1, "y1 = " + y1);
      minY1 = Math.min(minY1, y1);
      maxY1 = Math.max(maxY1, y1);
      assertEquals(y0, image[2 * b], 0);
      assertEquals(y1, image[2 * b + 1], 2 * Math.ulp(y1));
      negative += xStar[2 * b + 1] < 0 ? 1 : 0;
    }
    assertTrue(minY1 < 0.001 && maxY1 > 0.999, "[" + minY1 + ", " + maxY1 + "]");
    assertTrue(Math.abs(negative - batch / 2) < 95, negative + " of " + batch + " negative");
  }

  @Test
  void sampleTargetsMakesTheDrawsOfSampleTrainingPairs() {
    SplittableRandom pairs = new SplittableRandom(9);
    SplittableRandom targets = new SplittableRandom(9);
    double[] yStar = new double[64];
    double[] onlyTargets = new double[64];
    problem.sampleTrainingPairs(pairs, yStar, new double[64], 32);
    problem.sampleTargets(targets, onlyTargets, 32);
    assertArrayEquals(yStar, onlyTargets);
    assertEquals(pairs.nextLong(), targets.nextLong());
  }

  @Test
  void providerHasNoParametersAndRejectsAnyKey() {
    SimpleExampleProvider provider = new SimpleExampleProvider();
    assertEquals("simple", provider.id());
    assertEquals(List.of(), provider.parameters());
    assertEquals(Map.of(), provider.create(Options.empty()).parameters().asMap());
    SipException e =
        assertThrows(SipException.class, () -> provider.create(Options.of(Map.of("xi", "1"))));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertTrue(e.getMessage().contains("known: (none)"), e.getMessage());
    assertFalse(provider.description().contains("\n"), "one line");
  }

  @Test
  void problemMetadata() {
    assertEquals("simple", problem.id());
    assertEquals(2, problem.inputSize());
    assertEquals(2, problem.outputSize());
    assertEquals(Optional.of("analytic-simple"), problem.preferredSolver());
    assertEquals(List.of(32, 32), problem.defaultHiddenLayers());
    assertTrue(problem.hasGroundTruth());
    assertFalse(problem.recommendsInputStandardization());
    assertEquals("simple{}", problem.toString());
  }

  @Test
  void shortArraysAreRejectedWithShapeMismatch() {
    double[] two = new double[2];
    double[] three = new double[3];
    assertShapeMismatch(() -> problem.forward(three, new double[4], 2));
    assertShapeMismatch(() -> problem.jacobian(two, three, 1));
    assertShapeMismatch(() -> problem.vectorJacobianProduct(two, new double[1], two, 1));
    assertShapeMismatch(() -> problem.weightedOutputHessian(two, two, three, 1));
    assertShapeMismatch(() -> problem.sampleTargets(new SplittableRandom(1), three, 2));
    assertShapeMismatch(() -> problem.sampleTrainingPairs(new SplittableRandom(1), two, new double[1], 1));
    assertShapeMismatch(() -> problem.closestSolution(two, new double[1], two, 1));
  }

  private static void assertShapeMismatch(Executable call) {
    assertEquals(ErrorCode.SHAPE_MISMATCH, assertThrows(SipException.class, call).code());
  }
}
