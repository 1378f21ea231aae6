package org.scaleinvariant.sip.problems;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scaleinvariant.sip.problems.Close.assertAllClose;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property tests over {@value #CASES} seeded linear maps: n and m uniform in [1, {@value
 * #MAX_SIZE}], κ log-uniform in [1, {@value #MAX_CONDITION}], matrixSeed uniform in [0, 2³¹), x
 * uniform in [−{@value #X_HALF_WIDTH}, {@value #X_HALF_WIDTH}), {@value #BATCH} samples each. The
 * closest solutions are compared against Hipparchus' own SVD least-squares solver ({@code
 * getSolver().solve}, the minimum-norm least-squares solution) and checked to solve the equations.
 */
class LinearMapPropertyTests {
  private static final int CASES = 200;
  private static final int BATCH = 4;
  private static final int MAX_SIZE = 6;
  private static final double MAX_CONDITION = 1e6;
  private static final double X_HALF_WIDTH = 3;

  static LongStream seeds() {
    return LongStream.range(0, CASES);
  }

  static LinearMap generated(SplittableRandom random) {
    int n = 1 + random.nextInt(MAX_SIZE);
    int m = 1 + random.nextInt(MAX_SIZE);
    double condition = Math.exp(random.nextDouble(0, Math.log(MAX_CONDITION)));
    return new LinearMap(n, m, condition, random.nextInt(Integer.MAX_VALUE));
  }

  private static double[] uniform(SplittableRandom random, int count, double halfWidth) {
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = random.nextDouble(-halfWidth, halfWidth);
    }
    return values;
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void derivativesMatchFiniteDifferencesAndEachOther(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    LinearMap problem = generated(random);
    int n = problem.inputSize();
    int m = problem.outputSize();
    double[] x = uniform(random, BATCH * n, X_HALF_WIDTH);
    DerivativeChecks.assertJacobianMatchesCentralDifferences(problem, x, BATCH);
    DerivativeChecks.assertWeightedHessianMatchesDifferencesOfTheJacobian(
        problem, x, uniform(random, BATCH * m, 3), BATCH);
    DerivativeChecks.assertVectorJacobianProductIsTheTransposedJacobianTimesV(
        problem, x, uniform(random, BATCH * m, 5), BATCH);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void generatedMatricesHaveTheRequestedSpectrum(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    LinearMap problem = generated(random);
    double condition = Double.parseDouble(problem.parameters().getString(LinearMap.PARAMETER_CONDITION));
    double[] sigma = problem.singularValues();
    int r = Math.min(problem.inputSize(), problem.outputSize());
    assertEquals(r, sigma.length);
    assertEquals(r, problem.rank());
    for (int i = 0; i < r; i++) {
      double expected = r == 1 ? 1 : Math.pow(condition, -(double) i / (r - 1));
      // backward-stable SVD: absolute error a few ε·σ_max = ε
      assertEquals(expected, sigma[i], 1e-14, problem + " σ_" + i);
    }
  }

  /**
   * Reachable targets y* = A·x0: the closest solution solves A·x' = y* (residual bounded by κ·ε
   * times the sizes involved, the forward error of a pseudo-inverse solve) and equals x + A⁺(y* −
   * Ax) computed by Hipparchus' solver.
   */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void closestSolutionsSolveReachableTargetsWithTheMinimumChange(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    LinearMap problem = generated(random);
    int n = problem.inputSize();
    int m = problem.outputSize();
    double[] x = uniform(random, BATCH * n, X_HALF_WIDTH);
    double[] yStar = new double[BATCH * m];
    problem.forward(uniform(random, BATCH * n, X_HALF_WIDTH), yStar, BATCH);
    double[] closest = new double[BATCH * n];
    problem.closestSolution(x, yStar, closest, BATCH);
    double[] reached = new double[BATCH * m];
    problem.forward(closest, reached, BATCH);
    double condition = 1 / problem.singularValues()[problem.rank() - 1];
    assertAllClose(yStar, reached, 1e-14 * condition * (1 + X_HALF_WIDTH * n), 0, problem.toString());
    assertAllClose(reference(problem, x, yStar), closest, 1e-14 * condition * (1 + X_HALF_WIDTH * n), 0, problem.toString());
  }

  /**
   * Rank-deficient given matrices A = B·C (B m×r, C r×n, entries uniform in [−1, 1), r < min(m,
   * n)) and arbitrary targets y* (uniform in [−3, 3), generally outside the range): the closest
   * solution satisfies the normal equations {@code Aᵀ(A·x' − y*) = 0} (its image is the projection
   * of y* onto the range) and equals Hipparchus' minimum-norm least-squares step.
   */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void rankDeficientMatricesGiveLeastSquaresSolutions(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = 2 + random.nextInt(MAX_SIZE - 1);
    int m = 2 + random.nextInt(MAX_SIZE - 1);
    int rank = 1 + random.nextInt(Math.min(m, n) - 1);
    double[][] rows = new double[m][n];
    double[] b = uniform(random, m * rank, 1);
    double[] c = uniform(random, rank * n, 1);
    for (int k = 0; k < m; k++) {
      for (int j = 0; j < n; j++) {
        for (int l = 0; l < rank; l++) {
          rows[k][j] += b[k * rank + l] * c[l * n + j];
        }
      }
    }
    LinearMap problem = new LinearMap(rows);
    assertEquals(rank, problem.rank(), problem.toString());
    double[] x = uniform(random, BATCH * n, X_HALF_WIDTH);
    double[] yStar = uniform(random, BATCH * m, 3);
    double[] closest = new double[BATCH * n];
    problem.closestSolution(x, yStar, closest, BATCH);
    double[] residual = new double[BATCH * m];
    problem.forward(closest, residual, BATCH);
    for (int i = 0; i < residual.length; i++) {
      residual[i] -= yStar[i];
    }
    double[] normal = new double[BATCH * n];
    problem.vectorJacobianProduct(closest, residual, normal, BATCH);
    double smallest = problem.singularValues()[rank - 1];
    double tolerance = 1e-13 * (1 + X_HALF_WIDTH * n) / smallest;
    assertAllClose(new double[BATCH * n], normal, tolerance, 0, problem + " normal equations");
    assertAllClose(reference(problem, x, yStar), closest, tolerance, 0, problem.toString());
  }

  /**
   * Targets are A·x for x in the input box, bit for bit equal to {@code forward(x)}, and {@code
   * sampleTargets} makes exactly the draws of {@code sampleTrainingPairs}.
   */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void targetsAreTheImagesOfTheDrawnGroundTruth(long seed) {
    LinearMap problem = generated(new SplittableRandom(seed));
    int n = problem.inputSize();
    int m = problem.outputSize();
    int batch = 16;
    SplittableRandom pairs = new SplittableRandom(seed + 1);
    SplittableRandom targets = new SplittableRandom(seed + 1);
    double[] yStar = new double[batch * m];
    double[] xStar = new double[batch * n];
    problem.sampleTrainingPairs(pairs, yStar, xStar, batch);
    double[] onlyTargets = new double[batch * m];
    problem.sampleTargets(targets, onlyTargets, batch);
    assertArrayEquals(yStar, onlyTargets);
    assertEquals(pairs.nextLong(), targets.nextLong(), "the same number of draws");
    double[] image = new double[batch * m];
    problem.forward(xStar, image, batch);
    assertArrayEquals(image, yStar);
    for (double value : xStar) {
      assertTrue(value >= -LinearMap.INPUT_HALF_WIDTH && value < LinearMap.INPUT_HALF_WIDTH, "x = " + value);
    }
  }

  /** x + A⁺(y* − A·x) per sample, with A⁺ applied by Hipparchus' SVD solver. */
  private static double[] reference(LinearMap problem, double[] x, double[] yStar) {
    int n = problem.inputSize();
    int m = problem.outputSize();
    double[] a = problem.matrix();
    double[][] rows = new double[m][n];
    for (int k = 0; k < m; k++) {
      System.arraycopy(a, k * n, rows[k], 0, n);
    }
    RealMatrix matrix = MatrixUtils.createRealMatrix(rows);
    DecompositionSolver solver = new SingularValueDecomposition(matrix).getSolver();
    double[] expected = new double[x.length];
    for (int b = 0; b < x.length / n; b++) {
      double[] xb = java.util.Arrays.copyOfRange(x, b * n, (b + 1) * n);
      double[] residual = matrix.operate(xb);
      for (int k = 0; k < m; k++) {
        residual[k] = yStar[b * m + k] - residual[k];
      }
      double[] step = solver.solve(MatrixUtils.createRealVector(residual)).toArray();
      for (int i = 0; i < n; i++) {
        expected[b * n + i] = xb[i] + step[i];
      }
    }
    return expected;
  }
}
