package org.scaleinvariant.sip.solvers.analytic;

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
 * What the providers of closed-form inverses share: each supports exactly one problem class, takes
 * no options, and creates a solver bound to the problem. Stateless and thread-safe.
 *
 * @param <P> the problem class the inverse is written for
 */
abstract class AnalyticSolverProvider<P extends Problem> implements InverseSolverProvider {
  private final String id;
  private final Class<P> problemType;
  private final String problemId;
  private final String description;

  AnalyticSolverProvider(String id, Class<P> problemType, String problemId, String description) {
    this.id = id;
    this.problemType = problemType;
    this.problemId = problemId;
    this.description = description;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String description() {
    return description;
  }

  /**
   * None: a closed-form inverse has nothing to tune.
   *
   * @return an empty list
   */
  @Override
  public final List<ParameterSpec> parameters() {
    return List.of();
  }

  /**
   * Whether the problem is an instance of the one problem class this inverse is written for.
   *
   * @param problem the problem
   * @return true for that class only
   */
  @Override
  public final boolean supports(Problem problem) {
    return problemType.isInstance(problem);
  }

  /**
   * Creates the solver.
   *
   * @param problem the problem, an instance of the supported class
   * @param options must be empty (there are no options)
   * @return the solver
   * @throws SipException {@link ErrorCode#UNSUPPORTED} for another problem, {@link
   *     ErrorCode#INVALID_ARGUMENT} for any option
   */
  @Override
  public final InverseSolver create(Problem problem, Options options) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(options, "options");
    if (!supports(problem)) {
      throw new SipException(
          ErrorCode.UNSUPPORTED,
          "solver "
              + id
              + " does not support problem '"
              + problem.id()
              + "'; supported: problem '"
              + problemId
              + "' only");
    }
    options.resolve(parameters(), "solver " + id);
    return newSolver(problemType.cast(problem));
  }

  /** Creates the solver for a supported problem. */
  abstract InverseSolver newSolver(P problem);
}
