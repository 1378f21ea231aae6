package org.scaleinvariant.sip.solvers.analytic;

import java.util.List;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.testkit.InverseSolverContract;
import org.scaleinvariant.sip.testkit.SolverKind;

/** The conformance kit on {@code analytic-simple}, the exact inverse of y = (x0, x1²). */
class AnalyticSimpleContractTests extends InverseSolverContract {
  @Override
  protected InverseSolverProvider provider() {
    return new AnalyticSimpleSolverProvider();
  }

  @Override
  protected List<Problem> problems() {
    return List.of(problem("simple"));
  }

  @Override
  protected SolverKind kind() {
    return SolverKind.EXACT;
  }
}
