package org.scaleinvariant.sip.solvers.analytic;

import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.problems.RotatedSine;

/**
 * Provides the exact local inverse of the rotated sine ({@link AnalyticRotatedSineSolver}) under
 * the id {@value #ID}: the arcsine branch nearest to the current x, rotated back. Supports {@link
 * RotatedSine} problems only; has no options.
 *
 * <p>Found by {@link java.util.ServiceLoader} ({@code provides} in module-info, and {@code
 * META-INF/services} for the class path). Stateless and thread-safe.
 */
public final class AnalyticRotatedSineSolverProvider extends AnalyticSolverProvider<RotatedSine> {
  /** The provider id, {@value}. */
  public static final String ID = "analytic-rotated-sine";

  /** Creates the provider (public and without arguments, for {@link java.util.ServiceLoader}). */
  public AnalyticRotatedSineSolverProvider() {
    super(
        ID,
        RotatedSine.class,
        RotatedSine.ID,
        "exact inverse of rotated-sine: x̂2 = t2/B, x̂1 on the arcsine branch nearest to x"
            + " (t1 clipped to the range), rotated back");
  }

  @Override
  InverseSolver newSolver(RotatedSine problem) {
    return new AnalyticRotatedSineSolver(problem);
  }
}
