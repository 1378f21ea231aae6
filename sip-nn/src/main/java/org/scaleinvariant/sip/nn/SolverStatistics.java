package org.scaleinvariant.sip.nn;

import org.scaleinvariant.sip.api.SolverDiagnostics;

/**
 * A snapshot of an inverse solver's {@link SolverDiagnostics} over a run.
 *
 * @param samples samples processed
 * @param regularized curvature values raised to the solver's floor
 * @param clipped step components shortened by a cap
 * @param indefinite samples with an indefinite loss Hessian
 * @param failed samples whose step was set to zero
 */
public record SolverStatistics(long samples, long regularized, long clipped, long indefinite, long failed) {

  /** No solver (DP training). */
  public static final SolverStatistics NONE = new SolverStatistics(0, 0, 0, 0, 0);

  /**
   * Copies the counters.
   *
   * @param diagnostics the counters
   * @return the snapshot
   */
  public static SolverStatistics of(SolverDiagnostics diagnostics) {
    return new SolverStatistics(
        diagnostics.samples(),
        diagnostics.regularized(),
        diagnostics.clipped(),
        diagnostics.indefinite(),
        diagnostics.failed());
  }
}
