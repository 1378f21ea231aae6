package org.scaleinvariant.sip.solvers.newton;

/**
 * A nonlinear map with n = m = 3 mixing sines, products and squares:
 *
 * <pre>
 * P₁ = sin x₁ + x₂x₃        ∇P₁ = (cos x₁, x₃, x₂)     ∇²P₁ = [[−sin x₁, 0, 0], [0, 0, 1], [0, 1, 0]]
 * P₂ = x₁² + ½x₂ − x₃       ∇P₂ = (2x₁, ½, −1)         ∇²P₂ = [[2, 0, 0], [0, 0, 0], [0, 0, 0]]
 * P₃ = x₁x₂ + sin x₃        ∇P₃ = (x₂, x₁, cos x₃)     ∇²P₃ = [[0, 1, 0], [1, 0, 0], [0, 0, −sin x₃]]
 * </pre>
 *
 * The derivatives are checked against finite differences in {@code TestProblemsTests}.
 */
final class MixedProblem extends TestProblem {

  MixedProblem() {
    super("mixed", 3, 3);
  }

  @Override
  protected void value(double[] x, int xo, double[] y, int yo) {
    double x1 = x[xo];
    double x2 = x[xo + 1];
    double x3 = x[xo + 2];
    y[yo] = Math.sin(x1) + x2 * x3;
    y[yo + 1] = x1 * x1 + 0.5 * x2 - x3;
    y[yo + 2] = x1 * x2 + Math.sin(x3);
  }

  @Override
  protected void jacobian(double[] x, int xo, double[] jac, int jo) {
    double x1 = x[xo];
    double x2 = x[xo + 1];
    double x3 = x[xo + 2];
    double[] rows = {
      Math.cos(x1), x3, x2,
      2 * x1, 0.5, -1,
      x2, x1, Math.cos(x3)
    };
    System.arraycopy(rows, 0, jac, jo, 9);
  }

  @Override
  protected void weightedHessian(double[] x, int xo, double[] w, int wo, double[] out, int oo) {
    double w1 = w[wo];
    double w2 = w[wo + 1];
    double w3 = w[wo + 2];
    double[] h = {
      -w1 * Math.sin(x[xo]) + 2 * w2, w3, 0,
      w3, 0, w1,
      0, w1, -w3 * Math.sin(x[xo + 2])
    };
    System.arraycopy(h, 0, out, oo, 9);
  }
}
