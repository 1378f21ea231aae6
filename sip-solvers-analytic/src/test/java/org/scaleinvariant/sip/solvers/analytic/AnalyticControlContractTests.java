package org.scaleinvariant.sip.solvers.analytic;

import java.util.List;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.testkit.InverseSolverContract;
import org.scaleinvariant.sip.testkit.SolverKind;

/**
 * The conformance kit on {@code analytic-control} (Δu = J⁺(t − y)), an exact inverse, on the
 * open-loop view of the drag-free control task: the default, and one with zero final velocity and
 * two waypoints.
 */
class AnalyticControlContractTests extends InverseSolverContract {
  @Override
  protected InverseSolverProvider provider() {
    return new AnalyticControlSolverProvider();
  }

  @Override
  protected List<Problem> problems() {
    return List.of(
        problem("control", "drag", "0"),
        problem("control", "drag", "0", "stopAtGoal", "true", "waypoints", "2", "stepsPerRollout", "8"));
  }

  @Override
  protected SolverKind kind() {
    return SolverKind.EXACT;
  }
}
