package org.scaleinvariant.sip.solvers.newton;

/**
 * {@code Pₖ(x) = cₖ + Σⱼ Aₖⱼxⱼ + ½ xᵀQₖx} for any n and m, with exact derivatives: {@code Jₖⱼ = Aₖⱼ
 * + (Qₖx)ⱼ} and {@code Σₖ wₖ∇²Pₖ = Σₖ wₖQₖ}. With no Q it is the affine map {@code A·x + c}.
 */
final class QuadraticProblem extends TestProblem {
  private final double[] a;
  private final double[] c;
  private final double[] q;

  /**
   * @param a A, m×n row-major
   * @param c c, length m
   * @param q the symmetric Qₖ, m×n×n (Qₖ at offset k·n·n), or null for an affine problem
   */
  QuadraticProblem(int n, int m, double[] a, double[] c, double[] q) {
    super(q == null ? "affine" : "quadratic", n, m);
    this.a = a.clone();
    this.c = c.clone();
    this.q = q == null ? null : q.clone();
  }

  /** The linear map {@code P(x) = A·x}. */
  static QuadraticProblem linear(int n, int m, double... a) {
    return new QuadraticProblem(n, m, a, new double[m], null);
  }

  @Override
  protected void value(double[] x, int xo, double[] y, int yo) {
    for (int k = 0; k < m; k++) {
      double s = c[k];
      for (int j = 0; j < n; j++) {
        s += a[k * n + j] * x[xo + j];
      }
      if (q != null) {
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            s += 0.5 * x[xo + i] * q[k * n * n + i * n + j] * x[xo + j];
          }
        }
      }
      y[yo + k] = s;
    }
  }

  @Override
  protected void jacobian(double[] x, int xo, double[] jac, int jo) {
    for (int k = 0; k < m; k++) {
      for (int j = 0; j < n; j++) {
        double s = a[k * n + j];
        if (q != null) {
          for (int i = 0; i < n; i++) {
            s += q[k * n * n + j * n + i] * x[xo + i];
          }
        }
        jac[jo + k * n + j] = s;
      }
    }
  }

  @Override
  protected void weightedHessian(double[] x, int xo, double[] w, int wo, double[] out, int oo) {
    for (int ij = 0; ij < n * n; ij++) {
      double s = 0;
      if (q != null) {
        for (int k = 0; k < m; k++) {
          s += w[wo + k] * q[k * n * n + ij];
        }
      }
      out[oo + ij] = s;
    }
  }
}
