package org.scaleinvariant.sip.solvers.newton;

import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealVector;

/**
 * Eigen-decompositions {@code H = V Λ Vᵀ} of small real symmetric matrices, in the layout the
 * saddle-free step uses: {@code H} row-major n×n, eigenvalues {@code lambda[i]}, eigenvector i in
 * column i of the row-major matrix {@code vectors}, i.e. component j of eigenvector i at {@code
 * vectors[j*n + i]}. Eigenvalues are in no particular order.
 *
 * <p>Stateless; thread-safe.
 */
final class SymmetricEigen {
  private SymmetricEigen() {}

  /**
   * The symmetric Schur decomposition of a 2×2 matrix {@code [[a, b], [b, d]]} by one Jacobi
   * rotation, without allocation (Golub and Van Loan, <i>Matrix Computations</i>, the section on
   * Jacobi methods, algorithm {@code symSchur2}).
   *
   * <p>For {@code b ≠ 0}: {@code τ = (d − a)/(2b)}, {@code t = sign(τ)/(|τ| + √(1 + τ²))} with
   * {@code sign(0) = 1} (the smaller root of {@code t² + 2τt − 1 = 0}, so {@code |t| ≤ 1}), {@code c
   * = 1/√(1 + t²)}, {@code s = t·c}. Then {@code λ₁ = a − t·b} with eigenvector {@code (c, −s)} and
   * {@code λ₂ = d + t·b} with eigenvector {@code (s, c)}. For {@code b = 0} the matrix is already
   * diagonal: {@code λ = (a, d)}, {@code V = I}. If {@code |τ|} is so large that {@code τ²}
   * overflows, {@code t} becomes 0, which is the correctly rounded answer ({@code |t| ≈ 1/(2|τ|)}).
   * Non-finite inputs give non-finite outputs; callers check.
   *
   * @param a the entry (0, 0)
   * @param b the entries (0, 1) and (1, 0)
   * @param d the entry (1, 1)
   * @param lambda receives the two eigenvalues, length at least 2
   * @param vectors receives V (row-major 2×2, eigenvectors in the columns), length at least 4
   */
  static void closedForm2x2(double a, double b, double d, double[] lambda, double[] vectors) {
    if (b == 0) {
      lambda[0] = a;
      lambda[1] = d;
      vectors[0] = 1;
      vectors[1] = 0;
      vectors[2] = 0;
      vectors[3] = 1;
      return;
    }
    double tau = (d - a) / (2 * b);
    double t = (tau >= 0 ? 1.0 : -1.0) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
    double c = 1 / Math.sqrt(1 + t * t);
    double s = t * c;
    lambda[0] = a - t * b;
    lambda[1] = d + t * b;
    vectors[0] = c;
    vectors[1] = s;
    vectors[2] = -s;
    vectors[3] = c;
  }

  /**
   * The eigen-decomposition by Hipparchus' {@link EigenDecompositionSymmetric} (Householder
   * tridiagonalisation and implicit QL; allocates). The matrix must be exactly symmetric (Hipparchus
   * rejects matrices that are symmetric only up to rounding; deps.md P9), which the caller ensures
   * by symmetrising. Hipparchus sets eigenvalues below {@code 2.2e-16·max|λ|} to exactly 0.
   *
   * @param h the symmetric matrix, row-major n×n, finite
   * @param n the size, at least 1
   * @param scratch the matrix Hipparchus reads, n×n, overwritten with {@code h}
   * @param lambda receives the n eigenvalues
   * @param vectors receives V, row-major n×n, eigenvectors in the columns
   * @return false if Hipparchus failed (no convergence within its iteration limit, or a rejected
   *     matrix); then {@code lambda} and {@code vectors} are unspecified
   */
  static boolean library(double[] h, int n, Array2DRowRealMatrix scratch, double[] lambda, double[] vectors) {
    double[][] rows = scratch.getDataRef();
    for (int i = 0; i < n; i++) {
      System.arraycopy(h, i * n, rows[i], 0, n);
    }
    EigenDecompositionSymmetric eigen;
    try {
      eigen = new EigenDecompositionSymmetric(scratch);
    } catch (MathRuntimeException e) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      lambda[i] = eigen.getEigenvalue(i);
      RealVector v = eigen.getEigenvector(i);
      for (int j = 0; j < n; j++) {
        vectors[j * n + i] = v.getEntry(j);
      }
    }
    return true;
  }
}
