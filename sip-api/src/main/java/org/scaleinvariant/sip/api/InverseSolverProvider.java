package org.scaleinvariant.sip.api;

/**
 * Creates {@link InverseSolver}s; found with {@link java.util.ServiceLoader} ({@code provides
 * org.scaleinvariant.sip.api.InverseSolverProvider with …} in {@code module-info.java}, and a {@code
 * META-INF/services} entry for class-path use).
 */
public interface InverseSolverProvider extends Provider {

  /**
   * Whether this provider can create a solver for the problem (e.g. it needs exact second
   * derivatives, a small n, or a specific problem type).
   *
   * @param problem the problem
   * @return true if {@link #create} will succeed for it
   */
  boolean supports(Problem problem);

  /**
   * Creates a solver bound to a problem.
   *
   * @param problem the problem to invert
   * @param options the solver options; keys not in {@link #parameters()} are rejected, missing ones
   *     take their defaults
   * @return the solver
   * @throws SipException {@link ErrorCode#UNSUPPORTED} if {@code !supports(problem)}, {@link
   *     ErrorCode#INVALID_ARGUMENT} for invalid options
   */
  InverseSolver create(Problem problem, Options options);
}
