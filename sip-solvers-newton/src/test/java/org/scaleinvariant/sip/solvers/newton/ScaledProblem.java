package org.scaleinvariant.sip.solvers.newton;

/**
 * Wraps a problem as {@code P'(x') = c·P(s·x')}: output scale c and input scale s. Its
 * derivatives follow by the chain rule: {@code J' = c·s·J(s·x')}, {@code Σₖ wₖ∇²P'ₖ = c·s²·Σₖ
 * wₖ∇²Pₖ(s·x')}.
 */
final class ScaledProblem extends TestProblem {
  private final TestProblem base;
  private final double c;
  private final double s;

  ScaledProblem(TestProblem base, double outputScale, double inputScale) {
    super(base.id() + "-scaled", base.n, base.m);
    this.base = base;
    this.c = outputScale;
    this.s = inputScale;
  }

  private double[] inner(double[] x, int xo) {
    double[] xs = new double[n];
    for (int j = 0; j < n; j++) {
      xs[j] = s * x[xo + j];
    }
    return xs;
  }

  @Override
  void value(double[] x, int xo, double[] y, int yo) {
    base.value(inner(x, xo), 0, y, yo);
    for (int k = 0; k < m; k++) {
      y[yo + k] *= c;
    }
  }

  @Override
  void jacobian(double[] x, int xo, double[] jac, int jo) {
    base.jacobian(inner(x, xo), 0, jac, jo);
    for (int i = 0; i < m * n; i++) {
      jac[jo + i] *= c * s;
    }
  }

  @Override
  void weightedHessian(double[] x, int xo, double[] w, int wo, double[] out, int oo) {
    base.weightedHessian(inner(x, xo), 0, w, wo, out, oo);
    for (int i = 0; i < n * n; i++) {
      out[oo + i] *= c * s * s;
    }
  }
}
