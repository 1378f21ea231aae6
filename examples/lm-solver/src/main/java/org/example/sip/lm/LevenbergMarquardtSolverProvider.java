package org.example.sip.lm;

import java.util.List;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;

/**
 * Provides the {@link LevenbergMarquardtSolver} under the id {@value #ID}.
 *
 * <p>Parameters (given as {@code sip train -S name=value}):
 *
 * <ul>
 *   <li>{@value #MAX_ITERATIONS}: iterations per sample, an integer in [1, 10000], default
 *       {@value #DEFAULT_MAX_ITERATIONS};
 *   <li>{@value #TOLERANCE}: the relative tolerance of cost, parameters and orthogonality, a number
 *       in (0, 0.1], default {@value #DEFAULT_TOLERANCE}.
 * </ul>
 *
 * <p>Supports every problem with at most {@value #MAX_INPUT_SIZE} inputs (it works on dense n×m
 * Jacobians per sample). Stateless and thread-safe; ServiceLoader creates it with the public
 * no-argument constructor.
 */
public final class LevenbergMarquardtSolverProvider implements InverseSolverProvider {
  /** The id, {@value}. */
  public static final String ID = "levenberg-marquardt";

  /** The name of the iteration limit, {@value}. */
  public static final String MAX_ITERATIONS = "maxIterations";

  /** The name of the relative tolerance, {@value}. */
  public static final String TOLERANCE = "tolerance";

  /** The default iteration limit per sample, {@value}. */
  public static final int DEFAULT_MAX_ITERATIONS = 100;

  /** The default relative tolerance, {@value}. */
  public static final double DEFAULT_TOLERANCE = 1e-12;

  /** The largest supported input size n, {@value}. */
  public static final int MAX_INPUT_SIZE = 64;

  private static final List<ParameterSpec> PARAMETERS =
      List.of(
          ParameterSpec.integer(MAX_ITERATIONS, DEFAULT_MAX_ITERATIONS, 1, 10_000, "Levenberg–Marquardt iterations per sample."),
          ParameterSpec.number(
              TOLERANCE,
              DEFAULT_TOLERANCE,
              0,
              true,
              0.1,
              "Relative tolerance of the cost, the parameters and the orthogonality test (dimensionless)."));

  /** Creates the provider (for ServiceLoader). */
  public LevenbergMarquardtSolverProvider() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Levenberg–Marquardt per sample to convergence (Hipparchus): Δx = argmin ½‖P(x + Δx) − t‖², n <= "
        + MAX_INPUT_SIZE;
  }

  /**
   * The declared parameters: {@value #MAX_ITERATIONS} and {@value #TOLERANCE}.
   *
   * @return the parameter specs, immutable
   */
  @Override
  public List<ParameterSpec> parameters() {
    return PARAMETERS;
  }

  /**
   * Whether the problem has 1 to {@value #MAX_INPUT_SIZE} inputs and at least one output.
   *
   * @param problem the problem
   * @return true if {@link #create} accepts it
   */
  @Override
  public boolean supports(Problem problem) {
    return problem != null
        && problem.inputSize() >= 1
        && problem.inputSize() <= MAX_INPUT_SIZE
        && problem.outputSize() >= 1;
  }

  /**
   * Creates the solver.
   *
   * @param problem the problem to invert
   * @param options {@value #MAX_ITERATIONS} and {@value #TOLERANCE}, others rejected
   * @return the solver
   * @throws SipException {@link ErrorCode#UNSUPPORTED} for an unsupported problem, {@link
   *     ErrorCode#INVALID_ARGUMENT} for an unknown option or a value out of range
   */
  @Override
  public InverseSolver create(Problem problem, Options options) {
    if (!supports(problem)) {
      throw new SipException(
          ErrorCode.UNSUPPORTED,
          "solver " + ID + " does not support problem '" + problem.id() + "' with n = " + problem.inputSize()
              + ", m = " + problem.outputSize() + "; supported: 1 <= n <= " + MAX_INPUT_SIZE + " and m >= 1");
    }
    Options resolved = options.resolve(PARAMETERS, "solver " + ID);
    return new LevenbergMarquardtSolver(problem, resolved.getInt(MAX_ITERATIONS), resolved.getDouble(TOLERANCE));
  }
}
