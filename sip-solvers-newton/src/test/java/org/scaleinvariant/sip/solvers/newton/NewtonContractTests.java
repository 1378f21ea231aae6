package org.scaleinvariant.sip.solvers.newton;

import java.util.List;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.testkit.InverseSolverContract;
import org.scaleinvariant.sip.testkit.SolverKind;

/**
 * The conformance kit on the {@code newton} provider: a Newton-type, scale-invariant solver, on the
 * project's problems found through ServiceLoader (the rotated sine in both forms and at a small and
 * a large ξ, the simple example, a square and a wide linear map) and on this module's mixed problem
 * (n = 3, the Hipparchus eigen path).
 */
class NewtonContractTests extends InverseSolverContract {
  @Override
  protected InverseSolverProvider provider() {
    return new NewtonSolverProvider();
  }

  @Override
  protected List<Problem> problems() {
    return List.of(
        problem("rotated-sine"),
        problem("rotated-sine", "form", "book", "xi", "8", "phi", "30"),
        problem("rotated-sine", "xi", "64", "phi", "10"),
        problem("simple"),
        problem("linear"),
        problem("linear", "n", "6", "m", "3"),
        new MixedProblem());
  }

  @Override
  protected SolverKind kind() {
    return SolverKind.NEWTON_TYPE;
  }

  /**
   * 1e-3 on problems with more inputs than outputs, else the kit's 1e-6. With n > m the Hessian
   * JᵀJ has n − m zero eigenvalues; rounding leaves gradient components of about ε·‖g‖ along them,
   * which the eigenvalue floor φ = 1e-12 turns into step components of about ε/φ ≈ 2.2e-4 of the
   * step (measured 1.6e-4 in {@code NewtonSolverProviderTests.solvesAWideProblemThroughTheLibraryPath},
   * 1.5e-4 here). Rescaling changes that rounding, not the step in the range of Jᵀ.
   */
  @Override
  protected double scaleTolerance(Problem problem) {
    return problem.inputSize() > problem.outputSize() ? 1e-3 : DEFAULT_SCALE_TOLERANCE;
  }
}
