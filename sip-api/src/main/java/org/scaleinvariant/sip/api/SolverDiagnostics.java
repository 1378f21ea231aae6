package org.scaleinvariant.sip.api;

/**
 * Counters with which an {@link InverseSolver} reports the expected numerical situations it
 * handled instead of throwing: regularised (near-singular) curvature, clipped steps, indefinite
 * Hessians, and samples whose step could not be computed (then Δx = 0 for that sample).
 *
 * <p>The trainer owns one instance and passes it to every call; counts accumulate until {@link
 * #reset()}. Not thread-safe: one instance per training thread.
 */
public final class SolverDiagnostics {
  private long samples;
  private long regularized;
  private long clipped;
  private long indefinite;
  private long failed;

  /** Creates zeroed counters. */
  public SolverDiagnostics() {}

  /**
   * Counts samples processed.
   *
   * @param count how many
   */
  public void addSamples(long count) {
    samples += count;
  }

  /**
   * Counts curvature values that were raised to the solver's floor (near-singular directions).
   *
   * @param count how many
   */
  public void addRegularized(long count) {
    regularized += count;
  }

  /**
   * Counts step components that were shortened by a cap (e.g. a maximal first-order loss change).
   *
   * @param count how many
   */
  public void addClipped(long count) {
    clipped += count;
  }

  /**
   * Counts samples whose loss Hessian had a negative eigenvalue (handled by a saddle-free step).
   *
   * @param count how many
   */
  public void addIndefinite(long count) {
    indefinite += count;
  }

  /**
   * Counts samples whose step could not be computed and was set to zero.
   *
   * @param count how many
   */
  public void addFailed(long count) {
    failed += count;
  }

  /**
   * Samples processed since the last reset.
   *
   * @return the count
   */
  public long samples() {
    return samples;
  }

  /**
   * Regularised curvature values since the last reset.
   *
   * @return the count
   */
  public long regularized() {
    return regularized;
  }

  /**
   * Clipped step components since the last reset.
   *
   * @return the count
   */
  public long clipped() {
    return clipped;
  }

  /**
   * Samples with an indefinite loss Hessian since the last reset.
   *
   * @return the count
   */
  public long indefinite() {
    return indefinite;
  }

  /**
   * Samples whose step failed (set to zero) since the last reset.
   *
   * @return the count
   */
  public long failed() {
    return failed;
  }

  /** Sets all counters to zero. */
  public void reset() {
    samples = 0;
    regularized = 0;
    clipped = 0;
    indefinite = 0;
    failed = 0;
  }

  @Override
  public String toString() {
    return "SolverDiagnostics[samples="
        + samples
        + ", regularized="
        + regularized
        + ", clipped="
        + clipped
        + ", indefinite="
        + indefinite
        + ", failed="
        + failed
        + "]";
  }
}
