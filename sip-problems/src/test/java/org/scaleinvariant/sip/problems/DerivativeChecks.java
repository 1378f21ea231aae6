package org.scaleinvariant.sip.problems;

import static org.scaleinvariant.sip.problems.Close.assertAllClose;
import static org.scaleinvariant.sip.problems.Close.assertClose;

import java.util.Arrays;
import org.scaleinvariant.sip.api.Problem;

/**
 * Finite-difference checks of a {@link Problem}'s derivatives, sample by sample, for problems whose
 * outputs are at most quadratic in x (the central-difference truncation error h²/6·P''' is then
 * zero, so only rounding, about ε·|P(x)|/h, remains; the tolerance {@code atol·(1 + |value|)}
 * covers it).
 */
final class DerivativeChecks {
  /** Central-difference step. */
  static final double H = 1e-6;

  /** Absolute tolerance per unit of the differenced value (ε/h ≈ 2.2e-10, with a margin of ~500). */
  static final double ATOL = 1e-7;

  private DerivativeChecks() {}

  /** J(x) against (P(x + h e_j) − P(x − h e_j)) / 2h, every sample and entry. */
  static void assertJacobianMatchesCentralDifferences(Problem problem, double[] x, int batch) {
    int n = problem.inputSize();
    int m = problem.outputSize();
    double[] jacobian = new double[batch * m * n];
    problem.jacobian(x, jacobian, batch);
    double[] plus = new double[m];
    double[] minus = new double[m];
    for (int b = 0; b < batch; b++) {
      for (int j = 0; j < n; j++) {
        double[] point = Arrays.copyOfRange(x, b * n, (b + 1) * n);
        point[j] += H;
        problem.forward(point, plus, 1);
        point[j] -= 2 * H;
        problem.forward(point, minus, 1);
        for (int k = 0; k < m; k++) {
          double difference = (plus[k] - minus[k]) / (2 * H);
          double scale = Math.max(Math.abs(plus[k]), Math.abs(minus[k]));
          assertClose(
              difference,
              jacobian[b * m * n + k * n + j],
              ATOL * (1 + scale),
              0,
              problem + " sample " + b + " entry (" + k + ", " + j + ")");
        }
      }
    }
  }

  /** Σ_k w_k ∇²P_k against Σ_k w_k (J_k(x + h e_i) − J_k(x − h e_i)) / 2h; also symmetry. */
  static void assertWeightedHessianMatchesDifferencesOfTheJacobian(
      Problem problem, double[] x, double[] w, int batch) {
    int n = problem.inputSize();
    int m = problem.outputSize();
    double[] hessian = new double[batch * n * n];
    problem.weightedOutputHessian(x, w, hessian, batch);
    double[] plus = new double[m * n];
    double[] minus = new double[m * n];
    for (int b = 0; b < batch; b++) {
      double[] expected = new double[n * n];
      double scale = 0;
      for (int i = 0; i < n; i++) {
        double[] point = Arrays.copyOfRange(x, b * n, (b + 1) * n);
        point[i] += H;
        problem.jacobian(point, plus, 1);
        point[i] -= 2 * H;
        problem.jacobian(point, minus, 1);
        for (int j = 0; j < n; j++) {
          for (int k = 0; k < m; k++) {
            double wk = w[b * m + k];
            expected[i * n + j] += wk * (plus[k * n + j] - minus[k * n + j]) / (2 * H);
            scale += Math.abs(wk) * Math.abs(plus[k * n + j]);
          }
        }
      }
      double[] actual = Arrays.copyOfRange(hessian, b * n * n, (b + 1) * n * n);
      assertAllClose(expected, actual, ATOL * (1 + scale), 0, problem + " sample " + b);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < i; j++) {
          assertClose(actual[i * n + j], actual[j * n + i], 0, 0, "symmetric, sample " + b);
        }
      }
    }
  }

  /** Jᵀv from {@link Problem#vectorJacobianProduct} against the explicit product with J. */
  static void assertVectorJacobianProductIsTheTransposedJacobianTimesV(
      Problem problem, double[] x, double[] v, int batch) {
    int n = problem.inputSize();
    int m = problem.outputSize();
    double[] jacobian = new double[batch * m * n];
    problem.jacobian(x, jacobian, batch);
    double[] expected = new double[batch * n];
    double scale = 0;
    for (int b = 0; b < batch; b++) {
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < m; k++) {
          double term = jacobian[b * m * n + k * n + j] * v[b * m + k];
          expected[b * n + j] += term;
          scale = Math.max(scale, Math.abs(term));
        }
      }
    }
    double[] out = new double[batch * n];
    problem.vectorJacobianProduct(x, v, out, batch);
    // the same products, summed in the same or another order: a few ulps of the largest term per sum
    assertAllClose(expected, out, 4 * m * Math.ulp(scale), 0, problem.toString());
  }
}
