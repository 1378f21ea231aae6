package org.scaleinvariant.sip.testkit;

import java.util.List;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.Problem;

/**
 * The contract for a first-order solver, the kit's {@link GradientStepSolver}: it goes downhill,
 * is not scale-invariant (so that property is skipped) and is not checked for linear exactness.
 */
class GradientStepContractTests extends InverseSolverContract {
  /** A provider of the gradient step, for any problem. */
  static class Provider implements InverseSolverProvider {
    @Override
    public String id() {
      return GradientStepSolver.ID;
    }

    @Override
    public String description() {
      return "one gradient step of unit rate, Δx = Jᵀ(t − y)";
    }

    @Override
    public List<ParameterSpec> parameters() {
      return List.of();
    }

    @Override
    public boolean supports(Problem problem) {
      return true;
    }

    @Override
    public InverseSolver create(Problem problem, Options options) {
      options.resolve(parameters(), "solver " + id());
      return new GradientStepSolver(problem);
    }
  }

  @Override
  protected InverseSolverProvider provider() {
    return new Provider();
  }

  @Override
  protected List<Problem> problems() {
    return List.of(problem("rotated-sine"), problem("simple"), problem("linear"));
  }

  @Override
  protected SolverKind kind() {
    return SolverKind.FIRST_ORDER;
  }

  @Override
  protected boolean checkRegistration() {
    return false;
  }
}
