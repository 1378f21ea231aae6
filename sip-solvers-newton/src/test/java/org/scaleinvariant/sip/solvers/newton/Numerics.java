package org.scaleinvariant.sip.solvers.newton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.SingularValueDecomposition;

/** Small helpers of the tests: allclose, norms, seeded random matrices, seed streams. */
final class Numerics {
  private Numerics() {}

  /**
   * Asserts {@code |actual[i] − expected[i]| ≤ atol + rtol·|expected[i]|} for every i, after checking
   * that the lengths agree; the message prints both arrays.
   */
  static void assertAllClose(double[] expected, double[] actual, double atol, double rtol, String what) {
    assertEquals(expected.length, actual.length, what + ": lengths differ");
    for (int i = 0; i < expected.length; i++) {
      double limit = atol + rtol * Math.abs(expected[i]);
      if (!(Math.abs(actual[i] - expected[i]) <= limit)) {
        fail(
            what
                + ": index "
                + i
                + " differs by "
                + Math.abs(actual[i] - expected[i])
                + " > "
                + limit
                + "\n expected "
                + Arrays.toString(expected)
                + "\n actual   "
                + Arrays.toString(actual));
      }
    }
  }

  static double norm(double[] v) {
    double s = 0;
    for (double value : v) {
      s += value * value;
    }
    return Math.sqrt(s);
  }

  static double[] minus(double[] a, double[] b) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i] - b[i];
    }
    return d;
  }

  static double[] plus(double[] a, double[] b) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i] + b[i];
    }
    return d;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** Uniform values in [lo, hi). */
  static double[] uniform(SplittableRandom random, int count, double lo, double hi) {
    double[] v = new double[count];
    for (int i = 0; i < count; i++) {
      v[i] = random.nextDouble(lo, hi);
    }
    return v;
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
