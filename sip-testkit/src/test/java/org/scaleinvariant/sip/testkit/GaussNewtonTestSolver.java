package org.scaleinvariant.sip.testkit;

import java.util.Arrays;
import java.util.List;
import org.scaleinvariant.sip.api.Checks;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.api.SolverDiagnostics;

/**
 * A small Gauss–Newton solver for the kit's own tests, with switchable defects: the correct one
 * passes the contract, each defect must fail the property that is about it.
 *
 * <p>{@code Δx = (JᵀJ + μI)⁻¹Jᵀ(t − y)} per sample, with {@code μ = 10⁻¹⁵·tr(JᵀJ)/n} (relative, so
 * scale-invariant), solved by Gaussian elimination with partial pivoting; Δx = 0 when JᵀJ = 0.
 * Second order for reachable targets, exact on linear maps of full column rank.
 */
final class GaussNewtonTestSolver implements InverseSolver {

  /** What is wrong with the solver, on purpose. */
  enum Defect {
    /** Nothing. */
    NONE,
    /** Δx = −(…): a sign error. */
    SIGN,
    /** Δx twice as long. */
    DOUBLE_LENGTH,
    /** A fixed damping μ = 0.1 (units of y²), but still declares scale invariance. */
    FIXED_DAMPING,
    /** Adds a tenth of the batch mean of the other samples' steps. */
    BATCH_MEAN,
    /** Adds a tiny amount that grows with every call. */
    COUNTER,
    /** Goes through a workspace shared by all calls, with a pause in between. */
    SHARED_WORKSPACE,
    /** Skips the shape checks. */
    NO_SHAPE_CHECK,
    /** Divides by ‖t − y‖ and multiplies back: NaN at t = y. */
    NAN_AT_ZERO_CHANGE,
    /** Reports an id other than its provider's. */
    WRONG_ID
  }

  private final Problem problem;
  private final Defect defect;
  private final int n;
  private final int m;
  private final double[] shared;
  private long calls;

  GaussNewtonTestSolver(Problem problem, Defect defect) {
    this.problem = problem;
    this.defect = defect;
    this.n = problem.inputSize();
    this.m = problem.outputSize();
    this.shared = new double[n];
  }

  /** The provider of a solver with the given defect. */
  static InverseSolverProvider provider(Defect defect) {
    return new InverseSolverProvider() {
      @Override
      public String id() {
        return "test-gauss-newton";
      }

      @Override
      public String description() {
        return "Gauss–Newton for the kit's own tests (defect: " + defect + ")";
      }

      @Override
      public List<ParameterSpec> parameters() {
        return List.of();
      }

      @Override
      public boolean supports(Problem problem) {
        return problem.inputSize() <= 16 && problem.inputSize() <= problem.outputSize();
      }

      @Override
      public InverseSolver create(Problem problem, Options options) {
        if (!supports(problem)) {
          throw new SipException(ErrorCode.UNSUPPORTED, "n = " + problem.inputSize() + ", m = " + problem.outputSize() + " is not allowed; allowed: n <= 16 and n <= m");
        }
        options.resolve(parameters(), "solver test-gauss-newton");
        return new GaussNewtonTestSolver(problem, defect);
      }
    };
  }

  @Override
  public String id() {
    return defect == Defect.WRONG_ID ? "gauss-newton" : "test-gauss-newton";
  }

  @Override
  public Problem problem() {
    return problem;
  }

  @Override
  public boolean isScaleInvariant() {
    return true;
  }

  @Override
  public void step(double[] x, double[] y, double[] target, double[] dx, int batch, SolverDiagnostics diagnostics) {
    if (defect != Defect.NO_SHAPE_CHECK) {
      Checks.requireShape(x, "x", batch, n);
      Checks.requireShape(y, "y", batch, m);
      Checks.requireShape(target, "target", batch, m);
      Checks.requireShape(dx, "dx", batch, n);
    }
    double[] jacobian = new double[m * n];
    double[] one = new double[n];
    for (int b = 0; b < batch; b++) {
      problem.jacobian(Arrays.copyOfRange(x, b * n, b * n + n), jacobian, 1);
      solveSample(jacobian, y, target, b, one);
      if (defect == Defect.SHARED_WORKSPACE) {
        synchronized (shared) {
          System.arraycopy(one, 0, shared, 0, n);
        }
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        System.arraycopy(shared, 0, one, 0, n);
      }
      System.arraycopy(one, 0, dx, b * n, n);
    }
    if (defect == Defect.BATCH_MEAN && batch > 1) {
      double[] mean = new double[n];
      for (int i = 0; i < batch * n; i++) {
        mean[i % n] += dx[i] / batch;
      }
      for (int i = 0; i < batch * n; i++) {
        dx[i] += 0.1 * mean[i % n];
      }
    }
    if (defect == Defect.COUNTER) {
      calls++;
      for (int i = 0; i < batch * n; i++) {
        dx[i] += calls * 1e-9;
      }
    }
    diagnostics.addSamples(batch);
  }

  private void solveSample(double[] jacobian, double[] y, double[] target, int b, double[] out) {
    double[] a = new double[n * n];
    double[] rhs = new double[n];
    double trace = 0;
    double norm = 0;
    for (int k = 0; k < m; k++) {
      double r = target[b * m + k] - y[b * m + k];
      norm += r * r;
    }
    norm = Math.sqrt(norm);
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < m; k++) {
        double r = target[b * m + k] - y[b * m + k];
        if (defect == Defect.NAN_AT_ZERO_CHANGE) {
          r = r / norm * norm;
        }
        rhs[i] += jacobian[k * n + i] * r;
        for (int j = 0; j < n; j++) {
          a[i * n + j] += jacobian[k * n + i] * jacobian[k * n + j];
        }
      }
      trace += a[i * n + i];
    }
    if (trace == 0) {
      Arrays.fill(out, 0.0);
      return;
    }
    double damping = defect == Defect.FIXED_DAMPING ? 0.1 : 1e-15 * trace / n;
    for (int i = 0; i < n; i++) {
      a[i * n + i] += damping;
    }
    gauss(a, rhs, out);
    double factor = defect == Defect.SIGN ? -1 : defect == Defect.DOUBLE_LENGTH ? 2 : 1;
    for (int i = 0; i < n; i++) {
      out[i] *= factor;
    }
  }

  /** Solves a·out = rhs (n×n, row-major) by Gaussian elimination with partial pivoting. */
  private void gauss(double[] a, double[] rhs, double[] out) {
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r * n + col]) > Math.abs(a[pivot * n + col])) {
          pivot = r;
        }
      }
      if (pivot != col) {
        for (int j = 0; j < n; j++) {
          double swap = a[col * n + j];
          a[col * n + j] = a[pivot * n + j];
          a[pivot * n + j] = swap;
        }
        double swap = rhs[col];
        rhs[col] = rhs[pivot];
        rhs[pivot] = swap;
      }
      for (int r = col + 1; r < n; r++) {
        double f = a[r * n + col] / a[col * n + col];
        for (int j = col; j < n; j++) {
          a[r * n + j] -= f * a[col * n + j];
        }
        rhs[r] -= f * rhs[col];
      }
    }
    for (int r = n - 1; r >= 0; r--) {
      double s = rhs[r];
      for (int j = r + 1; j < n; j++) {
        s -= a[r * n + j] * out[j];
      }
      out[r] = s / a[r * n + r];
    }
  }
}
