package org.scaleinvariant.sip.solvers.analytic;

import java.util.List;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.testkit.InverseSolverContract;
import org.scaleinvariant.sip.testkit.SolverKind;

/**
 * The conformance kit on {@code analytic-rotated-sine}, an exact inverse, on the rotated sine in
 * both forms and at a small and a large ξ. Scale invariance is not checked: the solver supports
 * only {@code RotatedSine} instances, whose parameters cannot express c·P or P(s·x).
 */
class AnalyticRotatedSineContractTests extends InverseSolverContract {
  @Override
  protected InverseSolverProvider provider() {
    return new AnalyticRotatedSineSolverProvider();
  }

  @Override
  protected List<Problem> problems() {
    return List.of(
        problem("rotated-sine"),
        problem("rotated-sine", "form", "book", "xi", "8", "phi", "30"),
        problem("rotated-sine", "xi", "1", "phi", "15"),
        problem("rotated-sine", "xi", "64", "phi", "80"));
  }

  @Override
  protected SolverKind kind() {
    return SolverKind.EXACT;
  }
}
