package org.scaleinvariant.sip.solvers.newton;

import java.util.SplittableRandom;
import org.scaleinvariant.sip.api.Checks;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.Problem;

/**
 * Base of the test problems: subclasses write one sample's value, Jacobian and weighted output
 * Hessian at given offsets; this class loops over the batch (batch-first, row-major, as {@link
 * Problem} documents) and checks shapes.
 */
abstract class TestProblem implements Problem {
  private final String id;
  final int n;
  final int m;

  TestProblem(String id, int n, int m) {
    this.id = id;
    this.n = n;
    this.m = m;
  }

  /** Writes P(x) of the sample at x[xo..xo+n) to y[yo..yo+m). */
  abstract void value(double[] x, int xo, double[] y, int yo);

  /** Writes the m×n Jacobian of one sample, row-major, at jac[jo..jo+m*n). */
  abstract void jacobian(double[] x, int xo, double[] jac, int jo);

  /** Writes Σₖ wₖ∇²Pₖ (n×n, row-major) of one sample at out[oo..oo+n*n). */
  abstract void weightedHessian(double[] x, int xo, double[] w, int wo, double[] out, int oo);

  @Override
  public String id() {
    return id;
  }

  @Override
  public Options parameters() {
    return Options.empty();
  }

  @Override
  public int inputSize() {
    return n;
  }

  @Override
  public int outputSize() {
    return m;
  }

  @Override
  public void forward(double[] x, double[] y, int batch) {
    Checks.requireShape(x, "x", batch, n);
    Checks.requireShape(y, "y", batch, m);
    for (int b = 0; b < batch; b++) {
      value(x, b * n, y, b * m);
    }
  }

  @Override
  public void jacobian(double[] x, double[] jacobian, int batch) {
    Checks.requireShape(x, "x", batch, n);
    Checks.requireShape(jacobian, "jacobian", batch, m * n);
    for (int b = 0; b < batch; b++) {
      jacobian(x, b * n, jacobian, b * m * n);
    }
  }

  @Override
  public void vectorJacobianProduct(double[] x, double[] cotangent, double[] out, int batch) {
    Checks.requireShape(x, "x", batch, n);
    Checks.requireShape(cotangent, "cotangent", batch, m);
    Checks.requireShape(out, "out", batch, n);
    double[] jac = new double[m * n];
    for (int b = 0; b < batch; b++) {
      jacobian(x, b * n, jac, 0);
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < m; k++) {
          s += jac[k * n + j] * cotangent[b * m + k];
        }
        out[b * n + j] = s;
      }
    }
  }

  @Override
  public void weightedOutputHessian(double[] x, double[] weights, double[] out, int batch) {
    Checks.requireShape(x, "x", batch, n);
    Checks.requireShape(weights, "weights", batch, m);
    Checks.requireShape(out, "out", batch, n * n);
    for (int b = 0; b < batch; b++) {
      weightedHessian(x, b * n, weights, b * m, out, b * n * n);
    }
  }

  @Override
  public void sampleTargets(SplittableRandom random, double[] yStar, int batch) {
    for (int i = 0; i < batch * m; i++) {
      yStar[i] = random.nextDouble(-1, 1);
    }
  }

  /** P(x) of one sample, as a new array (tests only). */
  double[] value(double[] x) {
    double[] y = new double[m];
    value(x, 0, y, 0);
    return y;
  }
}
