package org.scaleinvariant.sip.testkit;

/**
 * What accuracy an inverse solver promises, declared by its author in {@link
 * InverseSolverContract#kind()}. It sets the bar of the inverse-consistency property: for a small
 * reachable target change Δy (t = P(x + δx) with ‖δx‖ of order ε), how close {@code P(x + Δx)} must
 * land to t.
 */
public enum SolverKind {
  /**
   * An exact local inverse (closed form, or iterated to convergence): {@code ‖P(x + Δx) − t‖ ≤
   * tol·‖Δy‖} with the contract's {@link InverseSolverContract#exactTolerance exact tolerance};
   * also exact on linear problems.
   */
  EXACT,
  /**
   * A Newton-type step (Newton, saddle-free Newton, Gauss–Newton): the residual is second order,
   * {@code ‖P(x + Δx) − t‖/‖Δy‖ = O(ε)}, checked by shrinking Δy tenfold (the ratio must fall
   * below 0.3 of its value and below 0.1); exact on linear problems.
   */
  NEWTON_TYPE,
  /**
   * A first-order update (a gradient step, a damped or truncated method): only required to go
   * downhill, {@code (J·Δx)·Δy > 0}; not checked for linear exactness.
   */
  FIRST_ORDER
}
