package org.scaleinvariant.sip.solvers.analytic;

import java.util.List;
import java.util.Optional;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.problems.LinearMap;
import org.scaleinvariant.sip.testkit.InverseSolverContract;
import org.scaleinvariant.sip.testkit.KitProblems;
import org.scaleinvariant.sip.testkit.SolverKind;

/**
 * The conformance kit on {@code analytic-linear} (Δx = A⁺(t − y)), an exact inverse, on square,
 * over- and under-determined maps; its rescaled problems are linear maps with the matrix c·s·A.
 */
class AnalyticLinearContractTests extends InverseSolverContract {
  @Override
  protected InverseSolverProvider provider() {
    return new AnalyticLinearSolverProvider();
  }

  @Override
  protected List<Problem> problems() {
    return List.of(
        problem("linear"),
        problem("linear", "n", "3", "m", "7", "condition", "100"),
        problem("linear", "n", "7", "m", "3", "condition", "100"));
  }

  @Override
  protected SolverKind kind() {
    return SolverKind.EXACT;
  }

  @Override
  protected Optional<Problem> rescaled(Problem problem, double outputScale, double inputScale) {
    return Optional.of(KitProblems.rescaled((LinearMap) problem, outputScale, inputScale));
  }
}
