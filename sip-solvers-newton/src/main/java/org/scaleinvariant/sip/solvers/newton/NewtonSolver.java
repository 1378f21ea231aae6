package org.scaleinvariant.sip.solvers.newton;

import java.util.Arrays;
import java.util.Objects;
import org.scaleinvariant.sip.api.Checks;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.api.SolverDiagnostics;

/**
 * Saddle-free Newton steps on the per-sample loss {@code ℓ(x) = ½‖P(x) − t‖²}: the local inverse
 * solver with which Holl, Koltun and Thuerey train on the rotated sine ("Scale-invariant Learning
 * by Physics Inversion", NeurIPS 2022), after Dauphin et al., "Identifying and attacking the saddle
 * point problem in high-dimensional non-convex optimization", NeurIPS 2014.
 *
 * <h2>The step</h2>
 *
 * For each sample b, with x, y = P(x) and target t taken from row b of the batch:
 *
 * <ol>
 *   <li>residual {@code r = y − t} (y is the caller's; P is not evaluated again), Jacobian {@code
 *       J = ∂P/∂x} (m×n) from {@link Problem#jacobian}, gradient {@code g = ∇ℓ = Jᵀr};
 *   <li>exact Hessian {@code H = JᵀJ + ½(W + Wᵀ)} with {@code W = Σₖ rₖ∇²Pₖ} from {@link
 *       Problem#weightedOutputHessian} (symmetrised, so the decomposition sees an exactly symmetric
 *       matrix);
 *   <li>eigen-decomposition {@code H = V Λ Vᵀ}, by a closed-form Jacobi rotation for n = 2 and by
 *       Hipparchus' {@code EigenDecompositionSymmetric} for n ≥ 3;
 *   <li>curvatures {@code aᵢ = max(|λᵢ|, f)} with the floor {@code f = max(φ·maxⱼ|λⱼ|,
 *       Double.MIN_NORMAL)}, where φ is the relative {@link #eigenvalueFloor()} (default {@value
 *       #DEFAULT_EIGENVALUE_FLOOR});
 *   <li>in the eigenbasis {@code g̃ = Vᵀg}, {@code δᵢ = −g̃ᵢ/aᵢ}; optionally capped (below);
 *   <li>{@code Δx = V δ}, i.e. \(\Delta x = -V\,|\Lambda|_f^{-1} V^\top \nabla\ell\).
 * </ol>
 *
 * Sign convention: Δx is <em>added</em> to x. Where H is positive definite this is the Newton step,
 * so for a linear P with square invertible J one step lands exactly on t, and for a nonlinear P the
 * new residual is of second order in ‖Δy‖. Where H has negative eigenvalues, taking their absolute
 * value turns the step away from the saddle or maximum, so {@code gᵀΔx = −Σ g̃ᵢ²/aᵢ ≤ 0} is always a
 * descent direction.
 *
 * <h2>Optional cap ({@link #maxLossChange()})</h2>
 *
 * Modelled on the step limit of the code published with Holl et al. (as specified for this module;
 * not re-derived from that code), each eigen-direction whose curvature {@code aᵢ} lies
 * below the geometric mean {@code (Πⱼ aⱼ)^{1/n}} of all floored curvatures (by more than a relative
 * 1e-9, so equal eigenvalues are never "below") is limited so that its first-order loss change
 * {@code |g̃ᵢ·δᵢ| = g̃ᵢ²/aᵢ} is at most {@code maxLossChange}: there, {@code δᵢ = −maxLossChange/g̃ᵢ}.
 * Off by default. The cap is an absolute loss value, so with it the step is no longer invariant to
 * rescaling the outputs (see {@link #isScaleInvariant()}). A capped component still points
 * downhill ({@code g̃ᵢδᵢ = −maxLossChange}).
 *
 * <h2>What it reports instead of throwing</h2>
 *
 * Every step is finite. Per call, the {@link SolverDiagnostics} receive: {@code addSamples(B)};
 * {@code addRegularized} for every eigenvalue raised to the floor; {@code addIndefinite(1)} for a
 * sample with a negative eigenvalue above the floor in magnitude (a negative eigenvalue below the
 * floor is at the level of rounding and is treated as a singular direction, counted as
 * regularised); {@code addClipped} for every direction shortened by the cap; and {@code
 * addFailed(1)} for a sample whose J, W or g is not finite, whose largest |λ| is 0 or not finite
 * (e.g. a zero Hessian), whose decomposition failed, or whose step came out non-finite. A failed
 * sample's step is 0 and its other counts are not added. NaN inputs are not checked here (trainers
 * do); they end up as failed samples.
 *
 * <h2>Threads and memory</h2>
 *
 * Instances are immutable, deterministic and safe to call from several threads: each thread gets
 * its own workspace (a {@link ThreadLocal}) of {@code O(m·n + n²)} doubles, allocated on its first
 * call. The problem's batch methods are called one sample at a time (batch 1 on a copy of the
 * sample's row), so the workspace does not depend on B, and sample b's step depends only on row b.
 * For n ≤ 2 a step allocates nothing; for n ≥ 3 Hipparchus allocates inside the decomposition.
 */
public final class NewtonSolver implements InverseSolver {

  /**
   * The default relative eigenvalue floor φ: {@value}.
   *
   * <p>Why this value: the floor must stay below every genuine curvature ratio, or it changes the
   * step and breaks scale invariance. On the rotated sine {@code P(x) = (sin(γx̂₁/ξ), γξx̂₂)}, {@code
   * x̂ = R_φx}, γ = 10, the Hessian near a solution is JᵀJ with eigenvalues {@code (γ/ξ)²cos²u} and
   * {@code (γξ)²}, {@code u = γx̂₁/ξ}; their ratio {@code cos²u/ξ⁴} is at most {@code 1/128⁴ ≈
   * 3.7e-9} at ξ = 128, about 3700 times above 1e-12, so it is never floored. In the other direction
   * the floor must sit above rounding noise: a backward-stable eigen-decomposition has absolute
   * eigenvalue errors of a few {@code ε·max|λ|} (ε ≈ 2.2e-16), so an eigenvalue at 1e-12·max|λ|
   * (about 4500 ε) still has three to four correct digits, while below it a computed eigenvalue can
   * be pure noise, even of the wrong sign, and dividing by it would make the step up to 1e16 times
   * too long. The floor bounds every direction's step by {@code |g̃ᵢ|/(1e-12·max|λ|)}. For a linear
   * P it corresponds to a condition number of J up to 1e6 (H = JᵀJ squares it).
   *
   * <p>The price, as a worked number: in an exactly singular direction (m &lt; n, or a rank-deficient
   * J) rounding leaves {@code g̃ᵢ ≈ ε·‖g‖} instead of 0, and the floor turns it into a step
   * component of about {@code ε/φ ≈ 2.2e-4} relative to the step. For a linear P with n = 8, m = 5
   * the step is the minimum-norm solution up to a relative 1.6e-4 (measured in the tests). A larger
   * floor would shrink this but would floor genuine curvature at large ξ.
   */
  public static final double DEFAULT_EIGENVALUE_FLOOR = 1e-12;

  /**
   * The largest input size n this solver accepts: {@value}. H is n×n per sample and its
   * eigen-decomposition costs O(n³) per sample per step; above a few hundred, a Newton solver is no
   * longer the right local inverse (the chapter's first caveat: "in low-dimensional x spaces,
   * Newton's method is a good candidate").
   */
  public static final int MAX_INPUT_SIZE = 256;

  private final Problem problem;
  private final int n;
  private final int m;
  private final double eigenvalueFloor;
  private final double maxLossChange;
  private final boolean closedForm;
  private final ThreadLocal<Workspace> workspaces;

  /**
   * Creates a solver bound to a problem.
   *
   * @param problem the problem, with {@code 1 ≤ n ≤} {@value #MAX_INPUT_SIZE} and {@code m ≥ 1}
   * @param eigenvalueFloor the relative eigenvalue floor φ, finite, in (0, 1]; {@link
   *     #DEFAULT_EIGENVALUE_FLOOR} is the usual choice
   * @param maxLossChange the cap on the first-order loss change of a low-curvature direction, finite
   *     and {@code > 0}, or NaN for no cap
   * @throws SipException {@link ErrorCode#UNSUPPORTED} if the problem's sizes are outside the
   *     limits, {@link ErrorCode#INVALID_ARGUMENT} for an invalid floor or cap
   * @throws NullPointerException if {@code problem} is null
   */
  public NewtonSolver(Problem problem, double eigenvalueFloor, double maxLossChange) {
    this(problem, eigenvalueFloor, maxLossChange, true);
  }

  /**
   * Creates a solver and chooses the n = 2 eigen path (for tests comparing both).
   *
   * @param problem the problem
   * @param eigenvalueFloor the relative eigenvalue floor φ
   * @param maxLossChange the cap, or NaN for none
   * @param closedForm true for the closed-form rotation at n = 2, false to use Hipparchus there too
   */
  NewtonSolver(Problem problem, double eigenvalueFloor, double maxLossChange, boolean closedForm) {
    this.problem = Objects.requireNonNull(problem, "problem");
    if (!NewtonSolverProvider.fits(problem)) {
      throw NewtonSolverProvider.unsupported(problem);
    }
    if (!(eigenvalueFloor > 0 && eigenvalueFloor <= 1)) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          "eigenvalueFloor = " + eigenvalueFloor + " is not allowed; allowed: a finite number in (0, 1]");
    }
    if (!Double.isNaN(maxLossChange) && !(maxLossChange > 0 && Double.isFinite(maxLossChange))) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          "maxLossChange = " + maxLossChange + " is not allowed; allowed: a finite number > 0, or NaN for none");
    }
    this.n = problem.inputSize();
    this.m = problem.outputSize();
    this.eigenvalueFloor = eigenvalueFloor;
    this.maxLossChange = maxLossChange;
    this.closedForm = closedForm;
    this.workspaces = ThreadLocal.withInitial(this::newWorkspace);
  }

  /**
   * The provider id, {@value NewtonSolverProvider#ID}.
   *
   * @return the id
   */
  @Override
  public String id() {
    return NewtonSolverProvider.ID;
  }

  @Override
  public Problem problem() {
    return problem;
  }

  /**
   * The relative eigenvalue floor φ: eigenvalues with {@code |λ| < max(φ·max|λ|, MIN_NORMAL)} are
   * raised to that value.
   *
   * @return φ, in (0, 1]
   */
  public double eigenvalueFloor() {
    return eigenvalueFloor;
  }

  /**
   * The cap on the first-order loss change of a direction below the geometric-mean curvature.
   *
   * @return the cap, or NaN if there is none (the default)
   */
  public double maxLossChange() {
    return maxLossChange;
  }

  /**
   * Computes the saddle-free Newton step of every sample (see the class description for the
   * formulas and what is counted).
   *
   * @param x the current points, shape [B, n], row-major
   * @param y the physics outputs {@code P(x)}, shape [B, m]
   * @param target the targets {@code t = y + Δy}, shape [B, m]
   * @param dx receives Δx, shape [B, n]; always finite (0 for a failed sample)
   * @param batch the number of samples B, at least 1
   * @param diagnostics receives the counts; not null
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is shorter than its shape,
   *     {@link ErrorCode#INVALID_ARGUMENT} if {@code batch < 1}
   */
  @Override
  public void step(double[] x, double[] y, double[] target, double[] dx, int batch, SolverDiagnostics diagnostics) {
    Checks.requireShape(x, "x", batch, n);
    Checks.requireShape(y, "y", batch, m);
    Checks.requireShape(target, "target", batch, m);
    Checks.requireShape(dx, "dx", batch, n);
    Objects.requireNonNull(diagnostics, "diagnostics");
    Workspace ws = workspaces.get();
    for (int b = 0; b < batch; b++) {
      ws.solveSample(x, y, target, dx, b, diagnostics);
    }
    diagnostics.addSamples(batch);
  }

  /**
   * True without a cap: with the relative floor, P → c·P and t → c·t (c ≠ 0) leave Δx unchanged,
   * and x = s·x' gives Δx' = Δx/s, because H and g scale as c² and the floor is relative. (The
   * absolute floor {@code Double.MIN_NORMAL} only matters for curvatures near 1e-308.) With {@link
   * #maxLossChange()} set, false: the cap is an absolute loss, so rescaling the outputs changes which
   * directions are clipped. (Input rescaling still leaves it invariant.)
   *
   * @return true if no cap is set
   */
  @Override
  public boolean isScaleInvariant() {
    return Double.isNaN(maxLossChange);
  }

  @Override
  public String toString() {
    return "NewtonSolver[problem="
        + problem.id()
        + ", n="
        + n
        + ", m="
        + m
        + ", eigenvalueFloor="
        + eigenvalueFloor
        + ", maxLossChange="
        + (Double.isNaN(maxLossChange) ? "none" : Double.toString(maxLossChange))
        + "]";
  }

  private Workspace newWorkspace() {
    return new Workspace(new SaddleFreeKernel(n, eigenvalueFloor, maxLossChange, closedForm));
  }

  /** One thread's arrays: the sample's row of x, r, J, W, H, g, and the eigen kernel. */
  private final class Workspace {
    private final double[] xRow = new double[n];
    private final double[] residual = new double[m];
    private final double[] jacobian = new double[m * n];
    private final double[] weighted = new double[n * n];
    private final double[] hessian = new double[n * n];
    private final double[] gradient = new double[n];
    private final SaddleFreeKernel kernel;

    Workspace(SaddleFreeKernel kernel) {
      this.kernel = kernel;
    }

    void solveSample(double[] x, double[] y, double[] target, double[] dx, int b, SolverDiagnostics diagnostics) {
      System.arraycopy(x, b * n, xRow, 0, n);
      int yOffset = b * m;
      for (int k = 0; k < m; k++) {
        residual[k] = y[yOffset + k] - target[yOffset + k];
      }
      problem.jacobian(xRow, jacobian, 1);
      problem.weightedOutputHessian(xRow, residual, weighted, 1);
      assemble();
      kernel.solve(hessian, gradient, dx, b * n, diagnostics);
    }

    /** g = Jᵀr; H = JᵀJ (upper triangle, mirrored) + ½(W + Wᵀ): exactly symmetric. */
    private void assemble() {
      Arrays.fill(gradient, 0.0);
      Arrays.fill(hessian, 0.0);
      for (int k = 0; k < m; k++) {
        int row = k * n;
        double rk = residual[k];
        for (int i = 0; i < n; i++) {
          double jki = jacobian[row + i];
          gradient[i] += jki * rk;
          int hRow = i * n;
          for (int j = i; j < n; j++) {
            hessian[hRow + j] += jki * jacobian[row + j];
          }
        }
      }
      for (int i = 0; i < n; i++) {
        hessian[i * n + i] += weighted[i * n + i];
        for (int j = i + 1; j < n; j++) {
          double value = hessian[i * n + j] + 0.5 * (weighted[i * n + j] + weighted[j * n + i]);
          hessian[i * n + j] = value;
          hessian[j * n + i] = value;
        }
      }
    }
  }
}
