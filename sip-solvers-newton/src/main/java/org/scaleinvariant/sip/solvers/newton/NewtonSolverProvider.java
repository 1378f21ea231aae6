package org.scaleinvariant.sip.solvers.newton;

import java.util.List;
import java.util.Objects;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;

/**
 * Provides the saddle-free Newton solver ({@link NewtonSolver}) under the id {@value #ID}; found by
 * {@link java.util.ServiceLoader} on the module path ({@code provides} in {@code module-info}) and
 * on the class path ({@code META-INF/services}).
 *
 * <p>Parameters:
 *
 * <ul>
 *   <li>{@value #EIGENVALUE_FLOOR}: the relative eigenvalue floor φ, a finite number in (0, 1],
 *       default {@value NewtonSolver#DEFAULT_EIGENVALUE_FLOOR} (reasoning at {@link
 *       NewtonSolver#DEFAULT_EIGENVALUE_FLOOR});
 *   <li>{@value #MAX_LOSS_CHANGE}: the cap on the first-order loss change of a direction whose
 *       curvature is below the geometric mean, a finite number {@code > 0}; no default (off).
 * </ul>
 *
 * <p>Stateless and thread-safe; has the public no-argument constructor {@link
 * java.util.ServiceLoader} needs.
 */
public final class NewtonSolverProvider implements InverseSolverProvider {
  /** The provider id, {@value}. */
  public static final String ID = "newton";

  /** The name of the relative eigenvalue floor parameter, {@value}. */
  public static final String EIGENVALUE_FLOOR = "eigenvalueFloor";

  /** The name of the optional loss-change cap parameter, {@value}. */
  public static final String MAX_LOSS_CHANGE = "maxLossChange";

  private static final List<ParameterSpec> PARAMETERS =
      List.of(
          ParameterSpec.number(
              EIGENVALUE_FLOOR,
              NewtonSolver.DEFAULT_EIGENVALUE_FLOOR,
              0,
              true,
              1,
              "Relative floor for Hessian eigenvalues: |λ| below floor·max|λ| is raised to it (dimensionless)."),
          ParameterSpec.number(
              MAX_LOSS_CHANGE,
              Double.NaN,
              0,
              true,
              Double.POSITIVE_INFINITY,
              "Cap on the first-order loss change of each eigen-direction whose curvature is below the"
                  + " geometric mean (loss units); off unless given."));

  /** Creates the provider (for {@link java.util.ServiceLoader}). */
  public NewtonSolverProvider() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Saddle-free Newton: Δx = −V|Λ|⁻¹Vᵀ∇ℓ from the exact per-sample loss Hessian (n <= "
        + NewtonSolver.MAX_INPUT_SIZE
        + ")";
  }

  /**
   * The declared parameters: {@value #EIGENVALUE_FLOOR} and {@value #MAX_LOSS_CHANGE}.
   *
   * @return the parameter specs, immutable
   */
  @Override
  public List<ParameterSpec> parameters() {
    return PARAMETERS;
  }

  /**
   * Whether the problem's sizes fit: {@code 1 ≤ n ≤} {@value NewtonSolver#MAX_INPUT_SIZE}, {@code m
   * ≥ 1}, and the m×n Jacobian fits in one array. The solver needs only the Jacobian and the
   * weighted output Hessian, which every {@link Problem} has.
   *
   * @param problem the problem
   * @return true if {@link #create} will accept it
   */
  @Override
  public boolean supports(Problem problem) {
    return problem != null && fits(problem);
  }

  /**
   * Creates a {@link NewtonSolver} with the resolved options.
   *
   * @param problem the problem to invert
   * @param options the options; keys other than {@value #EIGENVALUE_FLOOR} and {@value
   *     #MAX_LOSS_CHANGE} are rejected
   * @return the solver
   * @throws SipException {@link ErrorCode#UNSUPPORTED} if {@code !supports(problem)}, {@link
   *     ErrorCode#INVALID_ARGUMENT} for an unknown key or a value out of range (NaN, infinite, {@code
   *     ≤ 0}, a floor above 1)
   */
  @Override
  public InverseSolver create(Problem problem, Options options) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(options, "options");
    if (!supports(problem)) {
      throw unsupported(problem);
    }
    Options resolved = options.resolve(PARAMETERS, "solver " + ID);
    double floor = resolved.getDouble(EIGENVALUE_FLOOR);
    double cap = resolved.getDouble(MAX_LOSS_CHANGE, Double.NaN);
    return new NewtonSolver(problem, floor, cap);
  }

  /** The error for a problem outside {@link #fits}, naming its sizes and the limits. */
  static SipException unsupported(Problem problem) {
    return new SipException(
        ErrorCode.UNSUPPORTED,
        "solver "
            + ID
            + " does not support problem '"
            + problem.id()
            + "' with n = "
            + problem.inputSize()
            + ", m = "
            + problem.outputSize()
            + "; supported: 1 <= n <= "
            + NewtonSolver.MAX_INPUT_SIZE
            + " and m >= 1");
  }

  /** The size rule shared with {@link NewtonSolver}'s constructor. */
  static boolean fits(Problem problem) {
    int n = problem.inputSize();
    int m = problem.outputSize();
    return n >= 1 && n <= NewtonSolver.MAX_INPUT_SIZE && m >= 1 && (long) m * n <= Integer.MAX_VALUE - 8;
  }
}
