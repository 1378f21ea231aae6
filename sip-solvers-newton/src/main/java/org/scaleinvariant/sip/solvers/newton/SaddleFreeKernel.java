package org.scaleinvariant.sip.solvers.newton;

import java.util.Arrays;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.scaleinvariant.sip.api.SolverDiagnostics;

/**
 * The saddle-free Newton step of one sample from its Hessian and gradient, with the workspace it
 * needs: {@code Δx = −V |Λ|⁻¹ Vᵀ g}, with {@code |λ|} floored and optionally capped as documented
 * on {@link NewtonSolver}.
 *
 * <p>One kernel per thread: it owns its arrays (sized once for n) and is not thread-safe. For
 * {@code n ≤ 2} (with the closed form enabled) {@link #solve} allocates nothing; for larger n the
 * Hipparchus decomposition allocates its own arrays.
 */
final class SaddleFreeKernel {
  /**
   * How far below the geometric mean of the curvatures a direction must lie, relatively, to be
   * subject to the loss-change cap: {@value}. Equal eigenvalues then never count as "below", even
   * though {@code exp(mean(log|λ|))} of equal values can differ from them in the last bit.
   */
  static final double BELOW_MEAN_MARGIN = 1e-9;

  private final int n;
  private final double floor;
  private final double maxLossChange;
  private final boolean closedForm;
  private final double[] lambda;
  private final double[] vectors;
  private final double[] curvature;
  private final double[] gTilde;
  private final double[] delta;
  private Array2DRowRealMatrix libraryScratch;

  /**
   * Creates a kernel.
   *
   * @param n the size of x, at least 1
   * @param floor the relative eigenvalue floor, in (0, 1]
   * @param maxLossChange the cap on the first-order loss change of a low-curvature direction, or NaN
   *     for no cap
   * @param closedForm whether n = 2 uses the closed-form rotation (true) or Hipparchus (false)
   */
  SaddleFreeKernel(int n, double floor, double maxLossChange, boolean closedForm) {
    this.n = n;
    this.floor = floor;
    this.maxLossChange = maxLossChange;
    this.closedForm = closedForm;
    this.lambda = new double[n];
    this.vectors = new double[n * n];
    this.curvature = new double[n];
    this.gTilde = new double[n];
    this.delta = new double[n];
  }

  /**
   * Computes the step of one sample and counts what it handled. On failure (non-finite H or g, a
   * zero or non-finite largest |λ|, a failed decomposition, a non-finite step) the step is 0 and
   * only {@link SolverDiagnostics#addFailed} is called; otherwise regularised eigenvalues, clipped
   * components and an indefinite Hessian are counted. {@link SolverDiagnostics#addSamples} is the
   * caller's.
   *
   * @param h the symmetric Hessian, row-major n×n (read only)
   * @param g the gradient, length n (read only)
   * @param out receives Δx at {@code [offset, offset + n)}; always finite
   * @param offset where the step starts in {@code out}
   * @param diagnostics receives the counts
   * @return true if a step was computed, false if it failed and is 0
   */
  boolean solve(double[] h, double[] g, double[] out, int offset, SolverDiagnostics diagnostics) {
    if (!allFinite(h, n * n) || !allFinite(g, n) || !decompose(h)) {
      return fail(out, offset, diagnostics);
    }
    double maxAbs = 0;
    for (int i = 0; i < n; i++) {
      maxAbs = Math.max(maxAbs, Math.abs(lambda[i]));
    }
    if (!(maxAbs > 0) || !Double.isFinite(maxAbs)) {
      return fail(out, offset, diagnostics);
    }
    double floorAbs = Math.max(floor * maxAbs, Double.MIN_NORMAL);
    int regularized = 0;
    boolean indefinite = false;
    for (int i = 0; i < n; i++) {
      double a = Math.abs(lambda[i]);
      if (a < floorAbs) {
        a = floorAbs;
        regularized++;
      } else if (lambda[i] < 0) {
        indefinite = true;
      }
      curvature[i] = a;
    }
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < n; j++) {
        s += vectors[j * n + i] * g[j];
      }
      gTilde[i] = s;
      delta[i] = -s / curvature[i];
    }
    int clipped = Double.isNaN(maxLossChange) ? 0 : capLowCurvatureDirections();
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += vectors[j * n + i] * delta[i];
      }
      if (!Double.isFinite(s)) {
        return fail(out, offset, diagnostics);
      }
      out[offset + j] = s + 0.0; // + 0.0 turns −0.0 into 0.0
    }
    diagnostics.addRegularized(regularized);
    diagnostics.addClipped(clipped);
    if (indefinite) {
      diagnostics.addIndefinite(1);
    }
    return true;
  }

  /** Limits |g̃ᵢ·δᵢ| to maxLossChange where curvature is below the geometric mean; returns how many. */
  private int capLowCurvatureDirections() {
    double logSum = 0;
    for (int i = 0; i < n; i++) {
      logSum += Math.log(curvature[i]);
    }
    double threshold = Math.exp(logSum / n) * (1 - BELOW_MEAN_MARGIN);
    int clipped = 0;
    for (int i = 0; i < n; i++) {
      if (curvature[i] < threshold && Math.abs(gTilde[i] * delta[i]) > maxLossChange) {
        delta[i] = -maxLossChange / gTilde[i];
        clipped++;
      }
    }
    return clipped;
  }

  private boolean decompose(double[] h) {
    if (n == 1) {
      lambda[0] = h[0];
      vectors[0] = 1;
      return true;
    }
    if (n == 2 && closedForm) {
      SymmetricEigen.closedForm2x2(h[0], h[1], h[3], lambda, vectors);
      return true;
    }
    if (libraryScratch == null) {
      libraryScratch = new Array2DRowRealMatrix(n, n);
    }
    return SymmetricEigen.library(h, n, libraryScratch, lambda, vectors);
  }

  private boolean fail(double[] out, int offset, SolverDiagnostics diagnostics) {
    Arrays.fill(out, offset, offset + n, 0.0);
    diagnostics.addFailed(1);
    return false;
  }

  private static boolean allFinite(double[] values, int count) {
    for (int i = 0; i < count; i++) {
      if (!Double.isFinite(values[i])) {
        return false;
      }
    }
    return true;
  }
}
