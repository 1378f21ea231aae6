package org.scaleinvariant.sip.solvers.analytic;

import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.problems.SimpleExample;

/**
 * Provides the exact inverse of the book's simple example ({@link AnalyticSimpleSolver}), {@code
 * x' = (t0, sign(x1)·√t1)}, under the id {@value #ID}. Supports {@link SimpleExample} problems
 * only; has no options.
 *
 * <p>Found by {@link java.util.ServiceLoader} ({@code provides} in module-info, and {@code
 * META-INF/services} for the class path). Stateless and thread-safe.
 */
public final class AnalyticSimpleSolverProvider extends AnalyticSolverProvider<SimpleExample> {
  /** The provider id, {@value}. */
  public static final String ID = "analytic-simple";

  /** Creates the provider (public and without arguments, for {@link java.util.ServiceLoader}). */
  public AnalyticSimpleSolverProvider() {
    super(
        ID,
        SimpleExample.class,
        SimpleExample.ID,
        "exact inverse of simple: x0 = t0, x1 = sign(x1)·√t1 (t1 clipped to >= 0), the branch of"
            + " the current x1");
  }

  @Override
  InverseSolver newSolver(SimpleExample problem) {
    return new AnalyticSimpleSolver(problem);
  }
}
