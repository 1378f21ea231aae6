package org.scaleinvariant.sip.testkit;

import java.util.SplittableRandom;
import org.scaleinvariant.sip.api.Checks;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.Problem;

/**
 * A base for small test problems written one sample at a time: a subclass writes one sample's
 * value, Jacobian and weighted output Hessian at given offsets, and this class loops over the batch
 * (batch-first, row-major, as {@link Problem} documents), checks shapes, and derives the
 * vector-Jacobian product from the Jacobian. Targets are uniform in [−1, 1]ᵐ.
 *
 * <p>Meant for tests: the vector-Jacobian product allocates the Jacobian of one sample per call.
 */
public abstract class SampleWiseProblem implements Problem {
  private final String id;

  /** The input size n. */
  protected final int n;

  /** The output size m. */
  protected final int m;

  /**
   * Creates the problem.
   *
   * @param id the id reported by {@link #id()}
   * @param n the input size, at least 1
   * @param m the output size, at least 0
   */
  protected SampleWiseProblem(String id, int n, int m) {
    this.id = id;
    this.n = n;
    this.m = m;
  }

  /**
   * Writes {@code P(x)} of one sample.
   *
   * @param x the inputs, the sample at {@code x[xo .. xo+n)}
   * @param xo the offset of the sample in x
   * @param y receives the outputs at {@code y[yo .. yo+m)}
   * @param yo the offset in y
   */
  protected abstract void value(double[] x, int xo, double[] y, int yo);

  /**
   * Writes the m×n Jacobian of one sample, row-major (entry (k, j) = ∂P_k/∂x_j).
   *
   * @param x the inputs, the sample at {@code x[xo .. xo+n)}
   * @param xo the offset of the sample in x
   * @param jac receives J at {@code jac[jo .. jo+m·n)}
   * @param jo the offset in jac
   */
  protected abstract void jacobian(double[] x, int xo, double[] jac, int jo);

  /**
   * Writes {@code Σₖ wₖ∇²Pₖ} of one sample, n×n row-major.
   *
   * @param x the inputs, the sample at {@code x[xo .. xo+n)}
   * @param xo the offset of the sample in x
   * @param w the weights at {@code w[wo .. wo+m)}
   * @param wo the offset in w
   * @param out receives the matrix at {@code out[oo .. oo+n·n)}
   * @param oo the offset in out
   */
  protected abstract void weightedHessian(double[] x, int xo, double[] w, int wo, double[] out, int oo);

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

  /**
   * {@code P(x)} of one sample, as a new array.
   *
   * @param x the sample, length n
   * @return {@code P(x)}, length m
   */
  public double[] value(double[] x) {
    double[] y = new double[m];
    value(x, 0, y, 0);
    return y;
  }

  @Override
  public String toString() {
    return id;
  }
}
