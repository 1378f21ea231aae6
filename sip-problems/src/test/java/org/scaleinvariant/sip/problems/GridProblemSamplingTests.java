package org.scaleinvariant.sip.problems;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scaleinvariant.sip.problems.Close.assertAllClose;
import static org.scaleinvariant.sip.problems.Close.assertClose;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.api.Problem;

/**
 * The x* distributions of the grid problems: seeded determinism, targets equal to the y part of the
 * training pairs, 4 to 10 rectangles of the documented ranges (heat), zero-mean unit-deviation
 * smooth fields without the lowest modes (Poisson).
 */
class GridProblemSamplingTests {

  static Stream<Arguments> problems() {
    return Stream.of(
        Arguments.of(new HeatEquation(1, 64, HeatEquation.DEFAULT_AMOUNT)),
        Arguments.of(new HeatEquation(2, 32, HeatEquation.DEFAULT_AMOUNT)),
        Arguments.of(new PoissonEquation(32)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void sameSeedGivesTheSamePairsAndEachCallAFreshBatch(Problem problem) {
    int n = problem.inputSize();
    SplittableRandom first = new SplittableRandom(42);
    SplittableRandom second = new SplittableRandom(42);
    double[] y1 = new double[4 * n];
    double[] x1 = new double[4 * n];
    double[] y2 = new double[4 * n];
    double[] x2 = new double[4 * n];
    problem.sampleTrainingPairs(first, y1, x1, 4);
    problem.sampleTrainingPairs(second, y2, x2, 4);
    assertArrayEquals(x1, x2);
    assertArrayEquals(y1, y2);
    problem.sampleTrainingPairs(first, y2, x2, 4);
    assertFalse(Arrays.equals(x1, x2), "a second call draws a new batch");
    assertFalse(Arrays.equals(Arrays.copyOfRange(x1, 0, n), Arrays.copyOfRange(x1, n, 2 * n)), "samples differ");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void targetsAreTheImagesOfTheGroundTruthAndTheYPartOfThePairs(Problem problem) {
    int n = problem.inputSize();
    assertTrue(problem.hasGroundTruth());
    double[] targets = new double[3 * n];
    problem.sampleTargets(new SplittableRandom(7), targets, 3);
    double[] yStar = new double[3 * n];
    double[] xStar = new double[3 * n];
    problem.sampleTrainingPairs(new SplittableRandom(7), yStar, xStar, 3);
    assertArrayEquals(yStar, targets, "sampleTargets draws the y* of sampleTrainingPairs");
    double[] image = new double[3 * n];
    problem.forward(xStar, image, 3);
    assertArrayEquals(yStar, image, "y* = P(x*)");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void batchMethodsAllocateNothingAfterWarmUp(Problem problem) throws Exception {
    // forward, the vector-Jacobian product and both samplers (and Poisson's closest solutions) run
    // on per-thread FFT workspaces: after warm-up, 20 rounds on a batch of 4 allocate under 1 KiB.
    int n = problem.inputSize();
    double[] x = new double[4 * n];
    double[] y = new double[4 * n];
    double[] v = new double[4 * n];
    SplittableRandom random = new SplittableRandom(1);
    Runnable round =
        () -> {
          problem.sampleTrainingPairs(random, y, x, 4);
          problem.sampleTargets(random, y, 4);
          problem.forward(x, y, 4);
          problem.vectorJacobianProduct(x, y, v, 4);
          if (problem instanceof PoissonEquation) {
            ((PoissonEquation) problem).closestSolution(x, y, v, 4);
          }
        };
    for (int i = 0; i < 20; i++) {
      round.run();
    }
    long bytes =
        Grids.allocatedBytes(
            () -> {
              for (int i = 0; i < 20; i++) {
                round.run();
              }
            });
    assertTrue(bytes < 1024, problem + " allocated " + bytes + " bytes");
  }

  @Test
  void heatDrawsFourToTenRectanglesUniformly() {
    // 700 samples: every count 4..10 appears; each has expectation 100 and standard deviation
    // √(700·(1/7)·(6/7)) ≈ 9.3, so [55, 145] is a ±4.8σ band.
    HeatEquation heat = new HeatEquation(2, 16, HeatEquation.DEFAULT_AMOUNT);
    SplittableRandom random = new SplittableRandom(3);
    int[] histogram = new int[HeatEquation.MAX_RECTANGLES + 1];
    double[] x = new double[heat.inputSize()];
    for (int i = 0; i < 700; i++) {
      histogram[heat.drawInitialState(random, x, 0)]++;
    }
    for (int count = 0; count <= HeatEquation.MAX_RECTANGLES; count++) {
      if (count < HeatEquation.MIN_RECTANGLES) {
        assertEquals(0, histogram[count], "count " + count);
      } else {
        assertTrue(histogram[count] >= 55 && histogram[count] <= 145, "count " + count + ": " + histogram[count]);
      }
    }
  }

  static LongStream seeds() {
    return LongStream.range(0, 100);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void heatFieldsAreSumsOfSoftRectanglesWithinTheDocumentedRanges(long seed) {
    // d ∈ {1, 2}, N ∈ {8, 16, 32, 64}. Each rectangle adds strength·coverage with strength in
    // [0, 1) and coverage in [0, 1], so 0 ≤ x ≤ count. The total heat Σx/N^d is Σ strength·(2h)^d
    // ≤ count·(2·0.15625)^d. In 1-D a single rectangle is a plateau with one-cell ramps: at most two
    // values strictly between 0 and the plateau.
    SplittableRandom random = new SplittableRandom(seed);
    int dimensions = 1 + random.nextInt(2);
    HeatEquation heat = new HeatEquation(dimensions, 8 << random.nextInt(4), HeatEquation.DEFAULT_AMOUNT);
    int n = heat.inputSize();
    double[] x = new double[n + 2];
    Arrays.fill(x, -1);
    int count = heat.drawInitialState(random, x, 1);
    assertEquals(-1, x[0], "nothing written before the offset");
    assertEquals(-1, x[n + 1], "nothing written after the field");
    double total = 0;
    for (int i = 1; i <= n; i++) {
      assertTrue(x[i] >= 0 && x[i] <= count, heat + " x[" + (i - 1) + "] = " + x[i] + " with " + count + " rectangles");
      total += x[i];
    }
    double mass = total / n;
    assertTrue(mass <= count * Math.pow(2 * HeatEquation.MAX_HALF_WIDTH, dimensions) + 1e-12, "total heat " + mass);
  }

  @Test
  void rectangleEdgesAreSoftOverOneCell() {
    // Hand-computed cell averages on 8 cells of width 0.125: [0.3, 0.55] covers 0.6 of cell 2
    // ([0.25, 0.375)), all of cell 3 and 0.4 of cell 4 ([0.5, 0.625)); in 2-D the weights multiply.
    HeatEquation oneD = new HeatEquation(1, 8, HeatEquation.DEFAULT_AMOUNT);
    double[] x = new double[8];
    oneD.addRectangle(x, 0, 0.3, 0.55, 0, 0, 2);
    assertAllClose(new double[] {0, 0, 1.2, 2, 0.8, 0, 0, 0}, x, 1e-15, 0, "1-D");
    HeatEquation twoD = new HeatEquation(2, 8, HeatEquation.DEFAULT_AMOUNT);
    double[] field = new double[64];
    twoD.addRectangle(field, 0, 0.3, 0.55, 0.0, 0.125, 1);
    double[] expected = new double[64];
    expected[2 * 8] = 0.6;
    expected[3 * 8] = 1;
    expected[4 * 8] = 0.4;
    assertAllClose(expected, field, 1e-15, 0, "2-D: rows 2..4, column 0");
  }

  @Test
  void poissonSourcesAreZeroMeanUnitDeviationWithoutTheLowestModes() {
    PoissonEquation poisson = new PoissonEquation(32);
    int n = poisson.inputSize();
    FourierMultiplier lowModes =
        FourierMultiplier.radial(2, 32, k2 -> k2 <= PoissonEquation.NOISE_MIN_SQUARED_WAVENUMBER ? 1 : 0);
    SplittableRandom random = new SplittableRandom(5);
    double[] yStar = new double[20 * n];
    double[] xStar = new double[20 * n];
    poisson.sampleTrainingPairs(random, yStar, xStar, 20);
    double[] low = new double[20 * n];
    lowModes.apply(xStar, low, 20);
    for (int b = 0; b < 20; b++) {
      String sample = "sample " + b;
      assertClose(0, Grids.mean(xStar, b * n, n), 1e-14, 0, sample + " mean of x*");
      assertClose(1, Grids.norm(xStar, b * n, n) / Math.sqrt(n), 1e-12, 0, sample + " deviation of x*");
      assertClose(0, Grids.mean(yStar, b * n, n), 1e-16, 0, sample + " mean of y*");
      assertClose(0, Grids.norm(low, b * n, n), 1e-12 * Math.sqrt(n), 0, sample + " modes with ‖k‖² ≤ 4");
    }
  }

  @Test
  void poissonPotentialsAreAboutTwoHundredTimesSmallerThanTheirSources() {
    // The justification of recommendsInputStandardization: y* has standard deviation of order
    // 1/(4π²·5) ≈ 0.005 while x* has 1.
    PoissonEquation poisson = new PoissonEquation(32);
    int n = poisson.inputSize();
    double[] yStar = new double[50 * n];
    poisson.sampleTargets(new SplittableRandom(6), yStar, 50);
    double deviation = Grids.norm(yStar, 0, 50 * n) / Math.sqrt(50.0 * n);
    assertTrue(deviation > 0.002 && deviation < 0.008, "std of y* = " + deviation);
    assertTrue(poisson.recommendsInputStandardization());
    assertAllClose(new double[] {0}, new double[] {Grids.mean(yStar, 0, 50 * n)}, 1e-15, 0, "mean");
  }
}
