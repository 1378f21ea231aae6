package org.scaleinvariant.sip.problems;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scaleinvariant.sip.problems.Close.assertAllClose;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.problems.RotatedSine.Form;

/** Target sampling: determinism per seed, fresh batches, ranges, and reachability (book). */
class RotatedSineSamplingTests {
  private static final int BATCH = 2000;

  static LongStream seeds() {
    return RandomProblems.seeds();
  }

  private static double[] sample(RotatedSine problem, SplittableRandom random, int batch) {
    double[] yStar = new double[2 * batch];
    problem.sampleTargets(random, yStar, batch);
    return yStar;
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void sameSeedGivesTheSameTargetsAndEachCallAFreshBatch(Form form) {
    RotatedSine problem = new RotatedSine(32, 45, form, 10);
    SplittableRandom first = new SplittableRandom(42);
    SplittableRandom second = new SplittableRandom(42);
    double[] a = sample(problem, first, 64);
    assertArrayEquals(a, sample(problem, second, 64));
    double[] next = sample(problem, first, 64);
    assertFalse(Arrays.equals(a, next), "a second call draws a new batch");
    assertArrayEquals(next, sample(problem, second, 64));
  }

  @Test
  void paperTargetsAreUniformInTheUnitBox() {
    // Uniform in [−1, 1): mean 0 with standard error √(1/3)/√2000 ≈ 0.013 per component.
    RotatedSine problem = new RotatedSine(32, 45, Form.PAPER, 10);
    double[] yStar = sample(problem, new SplittableRandom(7), BATCH);
    for (int component = 0; component < 2; component++) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      double sum = 0;
      for (int b = 0; b < BATCH; b++) {
        double value = yStar[2 * b + component];
        assertTrue(value >= -1 && value < 1, "y*[" + b + "] = " + value);
        min = Math.min(min, value);
        max = Math.max(max, value);
        sum += value;
      }
      assertTrue(min < -0.99 && max > 0.99, "covers the box: [" + min + ", " + max + "]");
      assertTrue(Math.abs(sum / BATCH) < 0.05, "mean " + sum / BATCH);
    }
  }

  @Test
  void paperTargetsDoNotDependOnTheParameters() {
    double[] defaults = sample(new RotatedSine(32, 45, Form.PAPER, 10), new SplittableRandom(3), 16);
    double[] other = sample(new RotatedSine(2, -30, Form.PAPER, 1), new SplittableRandom(3), 16);
    assertArrayEquals(defaults, other);
  }

  /**
   * Book targets are P(x) for x uniform in [−1, 1)², drawn x1 then x2 from the caller's
   * generator: repeating those draws and calling {@code forward} reproduces them exactly, so
   * every target is in the range of P. Also |y1| ≤ A = 1/ξ and |y2| ≤ B·√2 = ξ·√2.
   */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void bookTargetsArePOfPointsInTheInputBox(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    RotatedSine drawn = RandomProblems.problem(random);
    RotatedSine problem = new RotatedSine(drawn.xi(), drawn.phiDegrees(), Form.BOOK, drawn.gamma());
    int batch = 16;
    long targetSeed = random.nextLong();
    double[] yStar = sample(problem, new SplittableRandom(targetSeed), batch);
    double h = RotatedSine.BOOK_INPUT_HALF_WIDTH;
    double[] x = RandomProblems.points(new SplittableRandom(targetSeed), batch, h);
    double[] y = new double[2 * batch];
    problem.forward(x, y, batch);
    assertArrayEquals(y, yStar, problem.toString());
    for (int b = 0; b < batch; b++) {
      assertTrue(Math.abs(yStar[2 * b]) <= 1 / problem.xi(), "y1 = " + yStar[2 * b]);
      assertTrue(
          Math.abs(yStar[2 * b + 1]) <= problem.xi() * Math.sqrt(2) * h, "y2 = " + yStar[2 * b + 1]);
    }
    // Reachable: the exact solution closest to the origin solves P(x) = y* without clipping.
    double[] closest = new double[2 * batch];
    problem.closestSolution(new double[2 * batch], yStar, closest, batch);
    problem.forward(closest, y, batch);
    assertAllClose(yStar, y, 1e-14 * problem.xi(), 1e-13, problem.toString());
  }
}
