package org.scaleinvariant.sip.testkit;

import java.util.Arrays;
import java.util.List;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.problems.LinearMap;

/**
 * Small problems with the numerical situations an inverse solver must survive without NaN or
 * infinity (the API's contract: a finite step, the situation counted in {@code SolverDiagnostics}),
 * and well-conditioned linear maps for the linear-exactness property. The contract uses the ones
 * the solver's provider {@code supports}.
 *
 * <p>The degenerate problems, each with exact derivatives and targets uniform in [−1, 1]ᵐ:
 *
 * <ul>
 *   <li>{@link #saddle()}: {@code P(x) = x₀² − x₁²} (n = 2, m = 1); at x = 0 the Jacobian is zero
 *       and the loss Hessian {@code r·diag(2, −2)} is indefinite;
 *   <li>{@link #zero()}: {@code P(x) = 0} (n = m = 2); zero Jacobian and Hessian everywhere, every
 *       target but 0 unreachable;
 *   <li>{@link #squares()}: {@code Pₖ(x) = xₖ²} (n = m = 2); singular at x = 0, negative targets
 *       unreachable;
 *   <li>{@link #rankDeficient()}: the linear map {@code [[1, 2], [2, 4]]} (rank 1), a {@link
 *       LinearMap} so that solvers written for linear maps take it too.
 * </ul>
 */
public final class KitProblems {
  private KitProblems() {}

  /**
   * The saddle {@code P(x) = x₀² − x₁²}, n = 2, m = 1, id {@code kit-saddle}.
   *
   * @return the problem
   */
  public static Problem saddle() {
    return new SampleWiseProblem("kit-saddle", 2, 1) {
      @Override
      protected void value(double[] x, int xo, double[] y, int yo) {
        y[yo] = x[xo] * x[xo] - x[xo + 1] * x[xo + 1];
      }

      @Override
      protected void jacobian(double[] x, int xo, double[] jac, int jo) {
        jac[jo] = 2 * x[xo];
        jac[jo + 1] = -2 * x[xo + 1];
      }

      @Override
      protected void weightedHessian(double[] x, int xo, double[] w, int wo, double[] out, int oo) {
        out[oo] = 2 * w[wo];
        out[oo + 1] = 0;
        out[oo + 2] = 0;
        out[oo + 3] = -2 * w[wo];
      }
    };
  }

  /**
   * The zero map {@code P(x) = 0}, n = m = 2, id {@code kit-zero}.
   *
   * @return the problem
   */
  public static Problem zero() {
    return new SampleWiseProblem("kit-zero", 2, 2) {
      @Override
      protected void value(double[] x, int xo, double[] y, int yo) {
        y[yo] = 0;
        y[yo + 1] = 0;
      }

      @Override
      protected void jacobian(double[] x, int xo, double[] jac, int jo) {
        Arrays.fill(jac, jo, jo + 4, 0.0);
      }

      @Override
      protected void weightedHessian(double[] x, int xo, double[] w, int wo, double[] out, int oo) {
        Arrays.fill(out, oo, oo + 4, 0.0);
      }
    };
  }

  /**
   * The squares {@code Pₖ(x) = xₖ²}, n = m = 2, id {@code kit-squares}.
   *
   * @return the problem
   */
  public static Problem squares() {
    return new SampleWiseProblem("kit-squares", 2, 2) {
      @Override
      protected void value(double[] x, int xo, double[] y, int yo) {
        y[yo] = x[xo] * x[xo];
        y[yo + 1] = x[xo + 1] * x[xo + 1];
      }

      @Override
      protected void jacobian(double[] x, int xo, double[] jac, int jo) {
        jac[jo] = 2 * x[xo];
        jac[jo + 1] = 0;
        jac[jo + 2] = 0;
        jac[jo + 3] = 2 * x[xo + 1];
      }

      @Override
      protected void weightedHessian(double[] x, int xo, double[] w, int wo, double[] out, int oo) {
        out[oo] = 2 * w[wo];
        out[oo + 1] = 0;
        out[oo + 2] = 0;
        out[oo + 3] = 2 * w[wo + 1];
      }
    };
  }

  /**
   * The rank-1 linear map {@code [[1, 2], [2, 4]]}.
   *
   * @return a {@link LinearMap}
   */
  public static Problem rankDeficient() {
    return new LinearMap(new double[][] {{1, 2}, {2, 4}});
  }

  /**
   * A linear map in other units: {@code P'(x') = c·A·(s·x')} is the linear map with matrix {@code
   * c·s·A}. For {@link InverseSolverContract#rescaled} of solvers that support {@link LinearMap}s
   * only.
   *
   * @param map the map with matrix A (m×n)
   * @param outputScale c
   * @param inputScale s
   * @return a new {@link LinearMap} with matrix {@code c·s·A}
   */
  public static LinearMap rescaled(LinearMap map, double outputScale, double inputScale) {
    int n = map.inputSize();
    int m = map.outputSize();
    double[] a = map.matrix();
    double[][] rows = new double[m][n];
    for (int k = 0; k < m; k++) {
      for (int j = 0; j < n; j++) {
        rows[k][j] = outputScale * inputScale * a[k * n + j];
      }
    }
    return new LinearMap(rows);
  }

  /**
   * Well-conditioned linear maps of several shapes, for linear exactness: 1×1, 2×2 (κ = 10), 4×4
   * (κ = 1000), 3 inputs → 5 outputs (over-determined, κ = 100) and 5 inputs → 3 outputs
   * (under-determined, κ = 100), each a {@link LinearMap} with a fixed matrix seed.
   *
   * @return the maps
   */
  public static List<Problem> linearMaps() {
    return List.of(
        new LinearMap(1, 1, 1, 1),
        new LinearMap(2, 2, 10, 2),
        new LinearMap(4, 4, 1e3, 3),
        new LinearMap(3, 5, 100, 4),
        new LinearMap(5, 3, 100, 5));
  }
}
