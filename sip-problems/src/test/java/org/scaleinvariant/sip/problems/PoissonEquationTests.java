package org.scaleinvariant.sip.problems;

import static org.scaleinvariant.sip.problems.Close.assertAllClose;
import static org.scaleinvariant.sip.problems.Close.assertClose;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The spectral Poisson solve, its zero-mean convention and its exact solution sets. */
class PoissonEquationTests {

  @ParameterizedTest(name = "N={0} k=({1}, {2})")
  @CsvSource({"32, 1, 0", "32, 0, 3", "32, 2, -5", "32, 16, 16", "64, 7, 9", "8, 1, 1"})
  void aSingleModeIsDividedByMinusFourPiSquaredKSquared(int size, int k0, int k1) {
    // ∇²sin(2π·k·u) = −4π²‖k‖²·sin(2π·k·u), so P maps the mode to −mode/(4π²‖k‖²).
    PoissonEquation poisson = new PoissonEquation(size);
    double[] x = Grids.mode(2, size, k0, k1, 1.1);
    double[] y = new double[x.length];
    poisson.forward(x, y, 1);
    double factor = -1 / (4 * Math.PI * Math.PI * (k0 * k0 + k1 * k1));
    double[] expected = x.clone();
    for (int i = 0; i < expected.length; i++) {
      expected[i] *= factor;
    }
    assertAllClose(expected, y, 1e-15, 0, "factor " + factor);
  }

  @Test
  void theMeanOfXIsProjectedOutAndYHasZeroMean() {
    // P(x + c) = P(x) and P(c) = 0: a non-zero-mean source is treated as its zero-mean part.
    PoissonEquation poisson = new PoissonEquation(16);
    int n = poisson.inputSize();
    double[] x = Grids.whiteNoise(new SplittableRandom(2), n, 1);
    double[] batch = new double[3 * n];
    for (int i = 0; i < n; i++) {
      batch[i] = x[i];
      batch[n + i] = x[i] + 5.5;
      batch[2 * n + i] = -3;
    }
    double[] y = new double[3 * n];
    poisson.forward(batch, y, 3);
    assertAllClose(Arrays.copyOfRange(y, 0, n), Arrays.copyOfRange(y, n, 2 * n), 1e-15, 0, "P(x + 5.5) = P(x)");
    assertAllClose(new double[n], Arrays.copyOfRange(y, 2 * n, 3 * n), 1e-16, 0, "P(−3) = 0");
    assertClose(0, Grids.mean(y, 0, n), 1e-17, 0, "mean of P(x)");
  }

  @Test
  void theLaplacianInvertsPOnZeroMeanFields() {
    PoissonEquation poisson = new PoissonEquation(32);
    int n = poisson.inputSize();
    double[] x = Grids.whiteNoise(new SplittableRandom(3), n, 1);
    double mean = Grids.mean(x, 0, n);
    double[] y = new double[n];
    poisson.forward(x, y, 1);
    double[] back = new double[n];
    poisson.laplacian().apply(y, back, 1);
    double[] centered = x.clone();
    for (int i = 0; i < n; i++) {
      centered[i] -= mean;
    }
    assertAllClose(centered, back, 1e-12, 0, "∇²P(x) = x − mean(x)");
  }

  static LongStream seeds() {
    return LongStream.range(0, 50);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void theClosestExactSolutionIsTheGroundTruthShiftedToTheMeanOfX(long seed) {
    // N ∈ {8, 16, 32}; x* and y* drawn by the problem; the query x = white noise with standard
    // deviation s log-uniform in [1e-2, 1e2] plus a mean uniform in [−10, 10). The closest point of
    // {x* + c} to x is x* + mean(x); it maps to y* again. Values are O(1 + |mean|): 1e-11 absolute.
    SplittableRandom random = new SplittableRandom(seed);
    PoissonEquation poisson = new PoissonEquation(8 << random.nextInt(3));
    int n = poisson.inputSize();
    double[] yStar = new double[2 * n];
    double[] xStar = new double[2 * n];
    poisson.sampleTrainingPairs(random, yStar, xStar, 2);
    double scale = Math.exp(random.nextDouble(Math.log(1e-2), Math.log(1e2)));
    double[] x = Grids.whiteNoise(random, 2 * n, scale);
    double[] shifts = {random.nextDouble(-10, 10), random.nextDouble(-10, 10)};
    double[] expected = xStar.clone();
    for (int b = 0; b < 2; b++) {
      for (int i = b * n; i < (b + 1) * n; i++) {
        x[i] += shifts[b];
      }
      double mean = Grids.mean(x, b * n, n);
      for (int i = b * n; i < (b + 1) * n; i++) {
        expected[i] += mean;
      }
    }
    double[] closest = new double[2 * n];
    poisson.exactSolutions().orElseThrow().closestSolution(x, yStar, closest, 2);
    assertAllClose(expected, closest, 1e-11, 0, poisson.toString());
    double[] image = new double[2 * n];
    poisson.forward(closest, image, 2);
    assertAllClose(yStar, image, 1e-14, 0, "P(closest) = y*");
  }

  @Test
  void closestSolutionMayOverwriteXOrTheTargetsAndProjectsUnreachableTargets() {
    PoissonEquation poisson = new PoissonEquation(16);
    int n = poisson.inputSize();
    SplittableRandom random = new SplittableRandom(8);
    double[] x = Grids.whiteNoise(random, n, 1);
    double[] yStar = Grids.whiteNoise(random, n, 0.01);
    for (int i = 0; i < n; i++) {
      yStar[i] += 0.5; // a mean outside the range of P
    }
    double[] closest = new double[n];
    poisson.closestSolution(x, yStar, closest, 1);
    double[] image = new double[n];
    poisson.forward(closest, image, 1);
    double[] projected = yStar.clone();
    double mean = Grids.mean(yStar, 0, n);
    for (int i = 0; i < n; i++) {
      projected[i] -= mean;
    }
    assertAllClose(projected, image, 1e-15, 0, "P(closest) = y* − mean(y*)");
    assertClose(Grids.mean(x, 0, n), Grids.mean(closest, 0, n), 1e-13, 0, "keeps the mean of x");
    double[] overX = x.clone();
    poisson.closestSolution(overX, yStar, overX, 1);
    assertAllClose(closest, overX, 0, 0, "closest written over x");
    double[] overY = yStar.clone();
    poisson.closestSolution(x, overY, overY, 1);
    assertAllClose(closest, overY, 0, 0, "closest written over y*");
  }
}
