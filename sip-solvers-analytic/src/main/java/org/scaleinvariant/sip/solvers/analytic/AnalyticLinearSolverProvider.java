package org.scaleinvariant.sip.solvers.analytic;

import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.problems.LinearMap;

/**
 * Provides the exact inverse of the linear map ({@link AnalyticLinearSolver}), {@code Δx = A⁺(t −
 * y)}, under the id {@value #ID}. Supports {@link LinearMap} problems only; has no options.
 *
 * <p>Found by {@link java.util.ServiceLoader} ({@code provides} in module-info, and {@code
 * META-INF/services} for the class path). Stateless and thread-safe.
 */
public final class AnalyticLinearSolverProvider extends AnalyticSolverProvider<LinearMap> {
  /** The provider id, {@value}. */
  public static final String ID = "analytic-linear";

  /** Creates the provider (public and without arguments, for {@link java.util.ServiceLoader}). */
  public AnalyticLinearSolverProvider() {
    super(
        ID,
        LinearMap.class,
        LinearMap.ID,
        "exact inverse of linear: Δx = A⁺(t − y) with the pseudo-inverse from one SVD"
            + " (least squares, minimum norm when A is singular or not square)");
  }

  @Override
  InverseSolver newSolver(LinearMap problem) {
    return new AnalyticLinearSolver(problem);
  }
}
