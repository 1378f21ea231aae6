package org.scaleinvariant.sip.testkit;

import java.util.Objects;
import org.scaleinvariant.sip.api.Checks;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SolverDiagnostics;

/**
 * The plain gradient-descent "inverse solver" of the chapter's remark: one gradient step of unit
 * rate on the per-sample loss {@code ½‖P(x) − t‖²}, {@code Δx = Jᵀ(t − y)} with J from {@link
 * Problem#jacobian} (deliberately not from {@link Problem#vectorJacobianProduct}, which DP training
 * uses, so that comparing the two trainings also compares the two derivatives).
 *
 * <p>With it, η = 1, the L2 y-loss and the L2 proxy loss, SIP training is DP training with gradient
 * descent: the proxy-loss gradient {@code (x − x̃)/B = −Δx/B = Jᵀ(y − y*)/B} is the DP gradient
 * (Holl, Koltun, Thuerey, NeurIPS 2022: with a gradient-descent solver "the total loss is purely
 * defined in y space, reducing to a regular first-order optimization").
 *
 * <p>Not scale-invariant; thread-safe; allocates the Jacobian per call (a test helper).
 */
public final class GradientStepSolver implements InverseSolver {
  /** The id, {@value}. */
  public static final String ID = "gradient-step";

  private final Problem problem;

  /**
   * Creates the solver for a problem.
   *
   * @param problem the problem
   */
  public GradientStepSolver(Problem problem) {
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Problem problem() {
    return problem;
  }

  /**
   * {@code Δx_b = J(x_b)ᵀ(t_b − y_b)} per sample.
   *
   * @param x the points, shape [B, n]
   * @param y {@code P(x)}, shape [B, m]
   * @param target t, shape [B, m]
   * @param dx receives Δx, shape [B, n]
   * @param batch B
   * @param diagnostics receives the sample count
   * @throws org.scaleinvariant.sip.api.SipException SHAPE_MISMATCH if an array is too short
   */
  @Override
  public void step(double[] x, double[] y, double[] target, double[] dx, int batch, SolverDiagnostics diagnostics) {
    int n = problem.inputSize();
    int m = problem.outputSize();
    Checks.requireShape(x, "x", batch, n);
    Checks.requireShape(y, "y", batch, m);
    Checks.requireShape(target, "target", batch, m);
    Checks.requireShape(dx, "dx", batch, n);
    double[] jacobian = new double[batch * m * n];
    problem.jacobian(x, jacobian, batch);
    for (int b = 0; b < batch; b++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < m; k++) {
          s += jacobian[b * m * n + k * n + j] * (target[b * m + k] - y[b * m + k]);
        }
        dx[b * n + j] = s;
      }
    }
    diagnostics.addSamples(batch);
  }
}
