package org.scaleinvariant.sip.solvers.newton;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.SingularValueDecomposition;
import org.scaleinvariant.sip.api.Problem;

/**
 * Helpers of these tests that the kit does not have: seeded random orthogonal matrices, seed
 * streams, σ_min by SVD, one sample of a problem (allclose and vectors are the kit's {@code Close} and
 * {@code Vectors}).
 */
final class Numerics {
  private Numerics() {}

  /**
   * {@code P(x)} of one sample of any problem, as a new array.
   *
   * @param problem the problem
   * @param x the sample, length n
   * @return {@code P(x)}, length m
   */
  static double[] value(Problem problem, double[] x) {
    double[] y = new double[problem.outputSize()];
    problem.forward(x, y, 1);
    return y;
  }

  /** A random orthogonal n×n matrix (row-major): Gram–Schmidt, twice, on Gaussian columns. */
  static double[] orthogonal(SplittableRandom random, int n) {
    double[] q = new double[n * n];
    for (int i = 0; i < n * n; i++) {
      q[i] = random.nextGaussian();
    }
    for (int col = 0; col < n; col++) {
      for (int pass = 0; pass < 2; pass++) {
        for (int prev = 0; prev < col; prev++) {
          double d = 0;
          for (int r = 0; r < n; r++) {
            d += q[r * n + col] * q[r * n + prev];
          }
          for (int r = 0; r < n; r++) {
            q[r * n + col] -= d * q[r * n + prev];
          }
        }
      }
      double norm = 0;
      for (int r = 0; r < n; r++) {
        norm += q[r * n + col] * q[r * n + col];
      }
      norm = Math.sqrt(norm);
      for (int r = 0; r < n; r++) {
        q[r * n + col] /= norm;
      }
    }
    return q;
  }

  /** U·diag(s)·Vᵀ for n×n orthogonal U, V (row-major). */
  static double[] compose(double[] u, double[] s, double[] v, int n) {
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
          sum += u[i * n + k] * s[k] * v[j * n + k];
        }
        a[i * n + j] = sum;
      }
    }
    return a;
  }

  /** The seeds 0, 1, ..., count − 1, for {@code @MethodSource}. */
  static Stream<Integer> seeds(int count) {
    return IntStream.range(0, count).boxed();
  }

  /** σ_min(J(x)) by Hipparchus' SVD (an independent method). */
  static double smallestSingularValue(TestProblem p, double[] x) {
    int n = p.inputSize();
    int m = p.outputSize();
    double[] j = new double[m * n];
    p.jacobian(x, j, 1);
    double[][] rows = new double[m][n];
    for (int k = 0; k < m; k++) {
      System.arraycopy(j, k * n, rows[k], 0, n);
    }
    double[] sv = new SingularValueDecomposition(MatrixUtils.createRealMatrix(rows)).getSingularValues();
    return sv[sv.length - 1];
  }
}
