package org.example.sip.lm;

import java.util.List;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.testkit.InverseSolverContract;
import org.scaleinvariant.sip.testkit.SolverKind;

/**
 * The SIP conformance kit on this plugin: Levenberg–Marquardt iterated to convergence is at least a
 * Newton-type local inverse, and scale-invariant; checked on SIP's rotated sine (both forms), the
 * simple example and a linear map, plus the kit's own degenerate and linear problems.
 */
class LevenbergMarquardtContractTests extends InverseSolverContract {
  @Override
  protected InverseSolverProvider provider() {
    return new LevenbergMarquardtSolverProvider();
  }

  @Override
  protected List<Problem> problems() {
    return List.of(
        problem("rotated-sine"),
        problem("rotated-sine", "form", "book", "xi", "8", "phi", "30"),
        problem("simple"),
        problem("linear", "n", "4", "m", "4"));
  }

  @Override
  protected SolverKind kind() {
    return SolverKind.NEWTON_TYPE;
  }
}
