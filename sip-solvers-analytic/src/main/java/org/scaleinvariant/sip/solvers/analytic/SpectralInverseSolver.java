package org.scaleinvariant.sip.solvers.analytic;

import java.util.Arrays;
import org.scaleinvariant.sip.api.Checks;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.api.SolverDiagnostics;
import org.scaleinvariant.sip.problems.FourierMultiplier;

/**
 * The local inverse of a linear periodic-grid problem whose physics is a Fourier multiplier:
 * {@code Δx = R·(t − y)}, with R another Fourier multiplier on the same grid (the exact or a
 * regularised inverse of P; see {@link HeatInverseSolverProvider} and {@link
 * PoissonInverseSolverProvider}). Because P is linear, {@code P(x + Δx) = y + P·R·(t − y)}: where
 * {@code P̂·R̂ = 1} the step reaches t exactly, and where {@code R̂ = 0} the component of x is left
 * unchanged (the solution closest to x).
 *
 * <h2>Contract</h2>
 *
 * Shapes: x, y, t and Δx are [B, n] (n = m). x is not read (the step does not depend on it). Cost:
 * one forward and one inverse FFT per sample. Δx is always finite: a sample whose step overflows
 * (inputs near 10<sup>300</sup>, or NaN inputs) gets Δx = 0 and is counted with {@link
 * SolverDiagnostics#addFailed}; {@link SolverDiagnostics#addRegularized} counts the frequencies per
 * sample that R does not invert. Thread-safe (the multiplier keeps per-thread FFT workspaces) and
 * allocation-free per call.
 */
final class SpectralInverseSolver implements InverseSolver {
  private final String id;
  private final Problem problem;
  private final FourierMultiplier inverse;
  private final int points;
  private final long regularizedPerSample;

  /**
   * @param id the provider id
   * @param problem the problem, whose n = m equals {@code inverse.points()}
   * @param inverse the multiplier R applied to t − y
   * @param regularizedPerSample how many frequencies R leaves uninverted, reported per sample
   */
  SpectralInverseSolver(String id, Problem problem, FourierMultiplier inverse, long regularizedPerSample) {
    this.id = id;
    this.problem = problem;
    this.inverse = inverse;
    this.points = inverse.points();
    this.regularizedPerSample = regularizedPerSample;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Problem problem() {
    return problem;
  }

  /**
   * Computes {@code Δx = R·(t − y)} per sample.
   *
   * @param x the current points, shape [B, n] (not read)
   * @param y the physics outputs P(x), shape [B, n]
   * @param target the targets t, shape [B, n]
   * @param dx receives Δx, shape [B, n]; always finite
   * @param batch the number of samples B, at least 1
   * @param diagnostics receives the sample count, the uninverted frequencies and failed samples
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is too short
   */
  @Override
  public void step(double[] x, double[] y, double[] target, double[] dx, int batch, SolverDiagnostics diagnostics) {
    Checks.requireShape(x, "x", batch, points);
    Checks.requireShape(y, "y", batch, points);
    Checks.requireShape(target, "target", batch, points);
    Checks.requireShape(dx, "dx", batch, points);
    for (int i = 0, count = batch * points; i < count; i++) {
      dx[i] = target[i] - y[i];
    }
    inverse.apply(dx, dx, batch);
    long failed = 0;
    for (int b = 0; b < batch; b++) {
      int offset = b * points;
      for (int i = offset; i < offset + points; i++) {
        if (!Double.isFinite(dx[i])) {
          Arrays.fill(dx, offset, offset + points, 0);
          failed++;
          break;
        }
      }
    }
    diagnostics.addSamples(batch);
    diagnostics.addRegularized(batch * regularizedPerSample);
    diagnostics.addFailed(failed);
  }

  /**
   * True: R is the inverse of P (or its truncation relative to P's largest value), so rescaling P
   * and t by c rescales R by 1/c and leaves Δx unchanged, and rescaling x by s rescales Δx by 1/s.
   *
   * @return true
   */
  @Override
  public boolean isScaleInvariant() {
    return true;
  }

  @Override
  public String toString() {
    return id + " for " + problem;
  }
}
