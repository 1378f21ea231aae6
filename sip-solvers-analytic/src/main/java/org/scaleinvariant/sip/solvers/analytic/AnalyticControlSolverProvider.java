package org.scaleinvariant.sip.solvers.analytic;

import java.util.List;
import java.util.Objects;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.scaleinvariant.sip.api.ControlSequenceProblem;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.RolloutProblem;
import org.scaleinvariant.sip.api.SipException;

/**
 * Provides the exact inverse of a <em>linear</em> rollout (for example the control task with {@code
 * drag = 0}) under the id {@value #ID}: the observations are affine in the control sequence x,
 * {@code y = J·x + c(s_0)}, with a Jacobian J (m × T·U) that depends on neither x nor the start
 * state s_0, so
 *
 * <pre>
 *   Δx = J⁺·(t − y),
 * </pre>
 *
 * the minimum-norm change of the whole control sequence that reaches the target t exactly (J has
 * full row rank for the control task: its blocks {@code ∂p_T/∂u_t = dt²·(T − t)·I} and {@code
 * ∂v_T/∂u_t = dt·I} are independent for T ≥ 2). J⁺ comes from one singular value decomposition
 * (Hipparchus) at creation; a step costs one (T·U)×m matrix-vector product per sample.
 *
 * <p>Supports a {@link RolloutProblem} (its open-loop view from the reference start) and a {@link
 * ControlSequenceProblem} (the per-task view of closed-loop training) whose rollout {@link
 * RolloutProblem#isLinear() is linear}. No options. Stateless and thread-safe; the solvers are
 * thread-safe and allocate nothing per call.
 */
public final class AnalyticControlSolverProvider implements InverseSolverProvider {
  /** The provider id, {@value}. */
  public static final String ID = "analytic-control";

  /** Creates the provider (public and without arguments, for {@link java.util.ServiceLoader}). */
  public AnalyticControlSolverProvider() {}

  /** {@inheritDoc} Always {@value #ID}. */
  @Override
  public String id() {
    return ID;
  }

  /** {@inheritDoc} */
  @Override
  public String description() {
    return "exact inverse of a linear rollout (control with drag=0): Δu = J⁺(t − y) for the whole control"
        + " sequence, the pseudo-inverse from one SVD";
  }

  /**
   * None: a closed-form inverse has nothing to tune.
   *
   * @return an empty list
   */
  @Override
  public List<ParameterSpec> parameters() {
    return List.of();
  }

  /**
   * Whether the problem is a linear rollout or the control-sequence view of one.
   *
   * @param problem the problem
   * @return true for those only
   */
  @Override
  public boolean supports(Problem problem) {
    RolloutProblem rollout = rolloutOf(problem);
    return rollout != null && rollout.isLinear();
  }

  /**
   * Creates the solver: computes J once (from the reference start; it is the same for every start)
   * and its pseudo-inverse.
   *
   * @param problem a linear rollout or its control-sequence view
   * @param options must be empty
   * @return the solver
   * @throws SipException {@link ErrorCode#UNSUPPORTED} for another problem, {@link
   *     ErrorCode#INVALID_ARGUMENT} for any option
   */
  @Override
  public InverseSolver create(Problem problem, Options options) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(options, "options");
    if (!supports(problem)) {
      throw new SipException(
          ErrorCode.UNSUPPORTED,
          "solver " + ID + " does not support problem '" + problem.id()
              + "'; supported: rollout problems with linear dynamics (e.g. control with drag=0)");
    }
    options.resolve(parameters(), "solver " + ID);
    ControlSequenceProblem view = new ControlSequenceProblem(rolloutOf(problem), 1);
    view.useReferenceStart(1);
    int n = view.inputSize();
    int m = view.outputSize();
    double[] jacobian = new double[m * n];
    view.jacobian(new double[n], jacobian, 1);
    RealMatrix j = MatrixUtils.createRealMatrix(m, n);
    for (int k = 0; k < m; k++) {
      for (int i = 0; i < n; i++) {
        j.setEntry(k, i, jacobian[k * n + i]);
      }
    }
    RealMatrix inverse = new SingularValueDecomposition(j).getSolver().getInverse();
    double[] pseudoInverse = new double[n * m];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < m; k++) {
        pseudoInverse[i * m + k] = inverse.getEntry(i, k);
      }
    }
    return new AnalyticLinearSolver(ID, problem, pseudoInverse);
  }

  private static RolloutProblem rolloutOf(Problem problem) {
    if (problem instanceof ControlSequenceProblem) {
      return ((ControlSequenceProblem) problem).rollout();
    }
    if (problem instanceof RolloutProblem) {
      return (RolloutProblem) problem;
    }
    return null;
  }
}
