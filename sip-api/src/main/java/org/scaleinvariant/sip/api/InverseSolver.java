package org.scaleinvariant.sip.api;

/**
 * A local inverse of a {@link Problem}: given the current x, y = P(x) and a target t = y + Δy, it
 * returns the update {@code Δx_PG = P⁻¹(t; x) − x}, step 3 of SIP training (Holl, Koltun, Thuerey,
 * "Scale-invariant Learning by Physics Inversion", NeurIPS 2022, Alg. 1; the chapter's SIP update:
 * {@code Δx_PG = P⁻¹(y + ηΔy; x)}).
 *
 * <p>An instance is bound to the problem it was created for. Implementations must be deterministic
 * and safe to call from several threads (keep per-thread workspaces, not per-call allocations), and
 * must not throw for expected numerical situations (singular or indefinite Hessians, unreachable
 * targets): they return a finite step and count the situation in {@link SolverDiagnostics}.
 */
public interface InverseSolver {

  /**
   * The id of the provider that created this solver.
   *
   * @return the id
   */
  String id();

  /**
   * The problem this solver inverts.
   *
   * @return the problem
   */
  Problem problem();

  /**
   * Computes the x-space update per sample. Sign convention: Δx is <em>added</em> to x, so {@code
   * P(x + Δx) ≈ t}.
   *
   * @param x the current points, shape [B, n] (batch-first, row-major)
   * @param y the physics outputs at x, {@code P(x)}, shape [B, m]
   * @param target the targets t = y + Δy, shape [B, m]
   * @param dx receives Δx, shape [B, n]; always finite
   * @param batch the number of samples B, at least 1
   * @param diagnostics receives counts of handled numerical situations
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is too short
   */
  void step(double[] x, double[] y, double[] target, double[] dx, int batch, SolverDiagnostics diagnostics);

  /**
   * Whether this solver is scale-invariant: rescaling the outputs (P → c·P, t → c·t) leaves Δx
   * unchanged, and rescaling the inputs (x = s·x') rescales Δx by 1/s. Newton-type and exact
   * inverses are; gradient descent is not.
   *
   * @return true if scale-invariant
   */
  default boolean isScaleInvariant() {
    return false;
  }
}
