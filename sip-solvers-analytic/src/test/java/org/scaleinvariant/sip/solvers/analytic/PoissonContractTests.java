package org.scaleinvariant.sip.solvers.analytic;

import java.util.List;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.testkit.InverseSolverContract;
import org.scaleinvariant.sip.testkit.SolverKind;

/** The conformance kit on {@code analytic-poisson} (spectral Laplacian of t − y). */
class PoissonContractTests extends InverseSolverContract {
  @Override
  protected InverseSolverProvider provider() {
    return new PoissonInverseSolverProvider();
  }

  @Override
  protected List<Problem> problems() {
    return List.of(problem("poisson", "size", "16"));
  }

  @Override
  protected SolverKind kind() {
    return SolverKind.EXACT;
  }
}
