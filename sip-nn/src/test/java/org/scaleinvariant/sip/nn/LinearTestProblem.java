package org.scaleinvariant.sip.nn;

import java.util.Optional;
import java.util.SplittableRandom;
import org.scaleinvariant.sip.api.ExactSolutions;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SolverDiagnostics;

/**
 * Test physics P(x) = A·x with a fixed invertible 2×2 matrix A = [[a, b], [c, d]], targets uniform in
 * [−1, 1]², and its exact inverse. Optionally returns NaN once |x| exceeds a bound (to provoke
 * divergence).
 */
class LinearTestProblem implements Problem, ExactSolutions {
  final double a;
  final double b;
  final double c;
  final double d;
  private final double nanBeyond;

  LinearTestProblem(double a, double b, double c, double d, double nanBeyond) {
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    this.nanBeyond = nanBeyond;
  }

  LinearTestProblem(double a, double b, double c, double d) {
    this(a, b, c, d, Double.POSITIVE_INFINITY);
  }

  @Override
  public String id() {
    return "linear-test";
  }

  @Override
  public Options parameters() {
    return Options.empty();
  }

  @Override
  public int inputSize() {
    return 2;
  }

  @Override
  public int outputSize() {
    return 2;
  }

  @Override
  public void forward(double[] x, double[] y, int batch) {
    for (int i = 0; i < batch; i++) {
      double x0 = x[2 * i];
      double x1 = x[2 * i + 1];
      boolean bad = Math.abs(x0) > nanBeyond || Math.abs(x1) > nanBeyond;
      y[2 * i] = bad ? Double.NaN : a * x0 + b * x1;
      y[2 * i + 1] = bad ? Double.NaN : c * x0 + d * x1;
    }
  }

  @Override
  public void jacobian(double[] x, double[] jacobian, int batch) {
    for (int i = 0; i < batch; i++) {
      jacobian[4 * i] = a;
      jacobian[4 * i + 1] = b;
      jacobian[4 * i + 2] = c;
      jacobian[4 * i + 3] = d;
    }
  }

  @Override
  public void vectorJacobianProduct(double[] x, double[] v, double[] out, int batch) {
    for (int i = 0; i < batch; i++) {
      out[2 * i] = a * v[2 * i] + c * v[2 * i + 1];
      out[2 * i + 1] = b * v[2 * i] + d * v[2 * i + 1];
    }
  }

  @Override
  public void weightedOutputHessian(double[] x, double[] weights, double[] out, int batch) {
    java.util.Arrays.fill(out, 0, 4 * batch, 0.0);
  }

  @Override
  public void sampleTargets(SplittableRandom random, double[] yStar, int batch) {
    for (int i = 0; i < 2 * batch; i++) {
      yStar[i] = 2 * random.nextDouble() - 1;
    }
  }

  /** Ground truth: y* drawn as by sampleTargets, then x* = A⁻¹y* (the unique solution). */
  @Override
  public boolean hasGroundTruth() {
    return true;
  }

  @Override
  public void sampleTrainingPairs(SplittableRandom random, double[] yStar, double[] xStar, int batch) {
    sampleTargets(random, yStar, batch);
    solve(yStar, xStar, batch);
  }

  @Override
  public Optional<ExactSolutions> exactSolutions() {
    return Optional.of(this);
  }

  /** x = A⁻¹·y* (the solution set is a single point). */
  @Override
  public void closestSolution(double[] x, double[] yStar, double[] closest, int batch) {
    solve(yStar, closest, batch);
  }

  void solve(double[] rhs, double[] out, int batch) {
    double det = a * d - b * c;
    for (int i = 0; i < batch; i++) {
      double r0 = rhs[2 * i];
      double r1 = rhs[2 * i + 1];
      out[2 * i] = (d * r0 - b * r1) / det;
      out[2 * i + 1] = (-c * r0 + a * r1) / det;
    }
  }

  /** The exact inverse: Δx = A⁻¹·(t − y). */
  InverseSolver exactInverse() {
    LinearTestProblem self = this;
    return new InverseSolver() {
      @Override
      public String id() {
        return "exact-linear";
      }

      @Override
      public Problem problem() {
        return self;
      }

      @Override
      public void step(
          double[] x, double[] y, double[] t, double[] dx, int batch, SolverDiagnostics diagnostics) {
        double[] change = new double[2 * batch];
        for (int i = 0; i < 2 * batch; i++) {
          change[i] = t[i] - y[i];
        }
        solve(change, dx, batch);
        diagnostics.addSamples(batch);
      }
    };
  }

  /** A "solver" that is one gradient-descent step: Δx = −Jᵀ(y − t). */
  InverseSolver gradientStep() {
    LinearTestProblem self = this;
    return new InverseSolver() {
      @Override
      public String id() {
        return "gradient";
      }

      @Override
      public Problem problem() {
        return self;
      }

      @Override
      public void step(
          double[] x, double[] y, double[] t, double[] dx, int batch, SolverDiagnostics diagnostics) {
        double[] residual = new double[2 * batch];
        for (int i = 0; i < 2 * batch; i++) {
          residual[i] = t[i] - y[i];
        }
        vectorJacobianProduct(x, residual, dx, batch);
      }
    };
  }
}
