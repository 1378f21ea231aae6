package org.scaleinvariant.sip.testkit;

import java.util.List;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.Problem;

/**
 * The whole contract, as a solver author runs it, on a correct Gauss–Newton solver: every property
 * passes on the rotated sine (both forms), the simple example, a linear map and the kit's degenerate
 * problems. Its rescaled problems are the generic {@link RescaledProblem} wrapper.
 */
class GaussNewtonContractTests extends InverseSolverContract {
  @Override
  protected InverseSolverProvider provider() {
    return GaussNewtonTestSolver.provider(GaussNewtonTestSolver.Defect.NONE);
  }

  @Override
  protected List<Problem> problems() {
    return List.of(
        problem("rotated-sine"),
        problem("rotated-sine", "form", "book", "xi", "8", "phi", "30"),
        problem("simple"),
        problem("linear", "n", "4", "m", "6"));
  }

  @Override
  protected SolverKind kind() {
    return SolverKind.NEWTON_TYPE;
  }

  @Override
  protected boolean checkRegistration() {
    return false;
  }
}
