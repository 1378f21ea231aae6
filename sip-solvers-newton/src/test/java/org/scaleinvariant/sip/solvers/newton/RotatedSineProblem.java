package org.scaleinvariant.sip.solvers.newton;

/**
 * The rotated sine of Holl et al. in the form {@code P(x) = (sin(γx̂₁/ξ), γξx̂₂)}, {@code x̂ = R_φx},
 * γ = {@value #GAMMA}, with {@code R_φ = [[cos φ, −sin φ], [sin φ, cos φ]]} (φ in degrees).
 *
 * <p>With u = γx̂₁/ξ and ρᵢ the rows of R_φ: {@code J = [(γ/ξ)cos u·ρ₁; γξ·ρ₂]} and {@code Σₖ
 * wₖ∇²Pₖ = −w₁(γ/ξ)² sin u · ρ₁ρ₁ᵀ} (P₂ is linear). Written for these tests, independently of
 * sip-problems.
 */
final class RotatedSineProblem extends TestProblem {
  static final double GAMMA = 10;

  final double xi;
  private final double cos;
  private final double sin;

  RotatedSineProblem(double xi, double phiDegrees) {
    super("rotated-sine-test", 2, 2);
    this.xi = xi;
    double phi = Math.toRadians(phiDegrees);
    this.cos = Math.cos(phi);
    this.sin = Math.sin(phi);
  }

  /** Draws a problem with ξ uniform in [1, 64] and φ uniform in [0°, 90°]. */
  static RotatedSineProblem draw(java.util.SplittableRandom random) {
    return new RotatedSineProblem(random.nextDouble(1, 64), random.nextDouble(0, 90));
  }

  /**
   * Draws a point away from the folds of the sine (where J is singular): u = γx̂₁/ξ uniform in
   * [−1.4, 1.4] (so |cos u| ≥ cos 1.4 ≈ 0.17) and x̂₂ uniform in [−1, 1].
   */
  double[] drawPoint(java.util.SplittableRandom random) {
    return pointFor(random.nextDouble(-1.4, 1.4), random.nextDouble(-1, 1));
  }

  /** u = γx̂₁/ξ of a sample. */
  private double u(double[] x, int xo) {
    return GAMMA * (cos * x[xo] - sin * x[xo + 1]) / xi;
  }

  /** The point x with x̂ = (uξ/γ, x̂₂), i.e. x = R_φᵀx̂. */
  double[] pointFor(double u, double xHat2) {
    double xHat1 = u * xi / GAMMA;
    return new double[] {cos * xHat1 + sin * xHat2, -sin * xHat1 + cos * xHat2};
  }

  @Override
  protected void value(double[] x, int xo, double[] y, int yo) {
    y[yo] = Math.sin(u(x, xo));
    y[yo + 1] = GAMMA * xi * (sin * x[xo] + cos * x[xo + 1]);
  }

  @Override
  protected void jacobian(double[] x, int xo, double[] jac, int jo) {
    double d1 = GAMMA / xi * Math.cos(u(x, xo));
    double d2 = GAMMA * xi;
    jac[jo] = d1 * cos;
    jac[jo + 1] = -d1 * sin;
    jac[jo + 2] = d2 * sin;
    jac[jo + 3] = d2 * cos;
  }

  @Override
  protected void weightedHessian(double[] x, int xo, double[] w, int wo, double[] out, int oo) {
    double k = GAMMA / xi;
    double f = -w[wo] * k * k * Math.sin(u(x, xo));
    out[oo] = f * cos * cos;
    out[oo + 1] = -f * cos * sin;
    out[oo + 2] = -f * cos * sin;
    out[oo + 3] = f * sin * sin;
  }
}
