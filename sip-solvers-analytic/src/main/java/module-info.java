/**
 * Closed-form local inverses {@code Δx = P⁻¹(t; x) − x} for the problems that have one. Exports
 * nothing: the solvers are found through their {@code InverseSolverProvider}s (declared here, and
 * in {@code META-INF/services} for class-path users).
 */
module org.scaleinvariant.sip.solvers.analytic {
  requires org.scaleinvariant.sip.api;
  requires org.scaleinvariant.sip.problems;
  requires hipparchus.core;

  provides org.scaleinvariant.sip.api.InverseSolverProvider with
      org.scaleinvariant.sip.solvers.analytic.AnalyticRotatedSineSolverProvider,
      org.scaleinvariant.sip.solvers.analytic.AnalyticLinearSolverProvider,
      org.scaleinvariant.sip.solvers.analytic.AnalyticSimpleSolverProvider,
      org.scaleinvariant.sip.solvers.analytic.HeatInverseSolverProvider,
      org.scaleinvariant.sip.solvers.analytic.PoissonInverseSolverProvider,
      org.scaleinvariant.sip.solvers.analytic.AnalyticControlSolverProvider;
}
