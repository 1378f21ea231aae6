/**
 * Closed-form local inverses {@code Δx = P⁻¹(t; x) − x} for the problems that have one. Exports
 * nothing: the solvers are found through their {@code InverseSolverProvider}s.
 */
module org.scaleinvariant.sip.solvers.analytic {
  requires org.scaleinvariant.sip.api;
  requires org.scaleinvariant.sip.problems;
  requires hipparchus.core;
}
