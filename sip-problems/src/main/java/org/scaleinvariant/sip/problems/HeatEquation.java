package org.scaleinvariant.sip.problems;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;

/**
 * The heat equation on a periodic grid, the high-dimensional experiment of Holl, Koltun and
 * Thuerey, <i>Scale-invariant Learning by Physics Inversion</i>, NeurIPS 2022 (arXiv 2109.15048),
 * section "Heat equation", also the chapter "Learning to Invert Heat Conduction with Scale-invariant
 * Updates" of <i>Physics-based Deep Learning</i>: x is an initial temperature field, y the field
 * after diffusion, and a network learns to undo the diffusion.
 *
 * <h2>Formula</h2>
 *
 * {@code ∂u/∂t = ν·∇²u} on the periodic domain [0, 1)<sup>d</sup> (d = 1 or 2), solved exactly in
 * Fourier space over the time T:
 *
 * <pre>
 *   ŷ(k) = K(k)·x̂(k),   K(k) = exp(−4π²·‖k‖²·a),   a = ν·T (the "amount"),
 * </pre>
 *
 * with k in <b>cycles per domain length</b> (k_a ∈ [−N/2, N/2) per axis) and the discrete Fourier
 * transform of {@link FourierMultiplier}. x and y are grids of N = {@code size} points per axis
 * (point i is the cell [i/N, (i+1)/N)), flattened row-major, so n = m = N<sup>d</sup>. Heat is
 * conserved ({@code K(0) = 1}: mean(y) = mean(x)), and a single mode {@code sin(2π·k·r)} decays by
 * exactly K(k).
 *
 * <p>The inverse is exact only in exact arithmetic: high frequencies are damped below the precision
 * of y. A worked number for the defaults (a = 2<sup>−9</sup>, so {@code K = exp(−0.0771·‖k‖²)}):
 * K = 0.93 at ‖k‖ = 1, 4.5·10<sup>−4</sup> at ‖k‖ = 10, 2.7·10<sup>−9</sup> at ‖k‖ = 16 (the 1-D
 * Nyquist frequency of a 32-point grid), 7.2·10<sup>−18</sup> at the corner (16, 16) of a 32×32
 * grid's spectrum, 2.6·10<sup>−69</sup> at the corner (32, 32) of 64×64. So the Jacobian is
 * near-singular, and the x-space metric uses the ground truth ({@link #exactSolutions()} is empty).
 *
 * <h2>Default amount</h2>
 *
 * The published experiment diffused 64×64 cells of unit length by ν·T = 8 (in cells²). On the unit
 * domain that is a = 8/64² = 2<sup>−9</sup> = {@value #DEFAULT_AMOUNT}, the default here, so that
 * {@code size=64} reproduces the experiment exactly and other sizes discretise the same physics. (To
 * diffuse a 32×32 grid by 8 cells² instead, set {@code amount=0.0078125} = 8/32².)
 *
 * <h2>Data: x from random soft rectangles</h2>
 *
 * As in the published code, x* is a sum of 4 to 10 "hot" rectangles (intervals in 1-D); y* =
 * P(x*). Per sample, with the generator's draws in this order:
 *
 * <ol>
 *   <li>the count c = 4 + {@code nextInt(7)}, uniform in {4, …, 10};
 *   <li>per rectangle: the centre per axis uniform in [{@value #CENTER_MIN}, {@value #CENTER_MAX});
 *       the half-width per axis uniform in [0, {@value #MAX_HALF_WIDTH}) (10 cells of the
 *       published 64); the strength uniform in [0, {@value #MAX_STRENGTH}); then the centre is
 *       clipped into [h, 1 − h] per axis so that the rectangle lies inside the unit box (no
 *       wrap-around), as published;
 *   <li>soft edges: cell i of an axis takes the fraction of its length covered by [centre − h,
 *       centre + h] (the cell average of the indicator; 2-D: the product over the axes), so edges
 *       ramp over one cell, like the published code's {@code SoftGeometryMask}; rectangles add up.
 * </ol>
 *
 * <p>So x* ≥ 0 and x* ≤ c ≤ 10 pointwise.
 *
 * <h2>Layout and contract</h2>
 *
 * Batch-first, row-major arrays as in {@link Problem}. The Jacobian J = ∂y/∂x is the same for every
 * x: the symmetric circulant matrix of {@link #kernel()}; {@link #jacobian} writes it densely
 * (required by the SPI; meant for small grids, it has n² entries: 10⁶ at 32×32),
 * {@link #vectorJacobianProduct} applies {@code Jᵀ = J} by the Fourier multiplier (O(n·log n), no
 * matrix), {@link #weightedOutputHessian} writes zeros (P is linear). Batch methods check shapes
 * ({@link ErrorCode#SHAPE_MISMATCH}), do not check for NaN and allocate nothing (per-thread FFT
 * workspaces). Instances are immutable and thread-safe.
 */
public final class HeatEquation extends PeriodicGridProblem {

  /** The problem id, {@value}. */
  public static final String ID = "heat";

  /** Name of the number-of-axes parameter (1 or 2), {@value}. */
  public static final String PARAMETER_DIMENSIONS = "dimensions";

  /** Name of the grid-size parameter (points per axis, a power of two), {@value}. */
  public static final String PARAMETER_SIZE = "size";

  /** Name of the diffusion-amount parameter a = ν·T (unit domain), {@value}. */
  public static final String PARAMETER_AMOUNT = "amount";

  /** Default number of axes, {@value} (as published). */
  public static final int DEFAULT_DIMENSIONS = 2;

  /** Default points per axis, {@value} (the published experiment used 64). */
  public static final int DEFAULT_SIZE = 32;

  /**
   * Default diffusion amount a = ν·T = {@value} = 2<sup>−9</sup> on the unit domain: the published
   * ν·T = 8 cells² on 64 cells, 8/64².
   */
  public static final double DEFAULT_AMOUNT = 0.001953125;

  /** Smallest grid size per axis, {@value}. */
  public static final int MIN_SIZE = 8;

  /** Largest grid size per axis, {@value} (1-D; in 2-D the limit is 128, see {@link FourierMultiplier#MAX_POINTS}). */
  public static final int MAX_SIZE = FourierMultiplier.MAX_POINTS;

  /** Fewest rectangles per sample, {@value}. */
  public static final int MIN_RECTANGLES = 4;

  /** Most rectangles per sample, {@value}. */
  public static final int MAX_RECTANGLES = 10;

  /** Lower end of a rectangle's centre per axis (unit domain) before clipping, {@value}. */
  public static final double CENTER_MIN = 0.1;

  /** Upper end (exclusive) of a rectangle's centre per axis before clipping, {@value}. */
  public static final double CENTER_MAX = 0.9;

  /** Upper end (exclusive) of a rectangle's half-width per axis, {@value} = 10/64. */
  public static final double MAX_HALF_WIDTH = 0.15625;

  /** Upper end (exclusive) of a rectangle's strength, {@value}. */
  public static final double MAX_STRENGTH = 1;

  /**
   * The declared parameters: {@code dimensions} (1 or 2, default {@value #DEFAULT_DIMENSIONS}),
   * {@code size} (a power of two in [{@value #MIN_SIZE}, {@value #MAX_SIZE}] with size<sup>d</sup> ≤
   * {@value FourierMultiplier#MAX_POINTS}, default {@value #DEFAULT_SIZE}) and {@code amount} (a
   * number &gt; 0, default {@value #DEFAULT_AMOUNT}). Unmodifiable.
   */
  public static final List<ParameterSpec> PARAMETERS =
      List.of(
          ParameterSpec.integer(PARAMETER_DIMENSIONS, DEFAULT_DIMENSIONS, 1, 2, "number of axes of the periodic grid"),
          ParameterSpec.integer(
              PARAMETER_SIZE,
              DEFAULT_SIZE,
              MIN_SIZE,
              MAX_SIZE,
              "grid points per axis, a power of two (size^dimensions <= 16384); the published experiment used 64"),
          ParameterSpec.number(
              PARAMETER_AMOUNT,
              DEFAULT_AMOUNT,
              0,
              true,
              Double.POSITIVE_INFINITY,
              "diffusion amount ν·T on the unit domain: ŷ(k) = x̂(k)·exp(−4π²‖k‖²·amount), k in cycles per domain length; "
                  + "0.001953125 = 8/64² is the published ν·T = 8 cells² on 64 cells"));

  private static final String OWNER = "problem " + ID;
  private static final Optional<String> PREFERRED_SOLVER = Optional.of("analytic-heat");
  private static final double FOUR_PI_SQUARED = 4 * Math.PI * Math.PI;

  private final int dimensions;
  private final int size;
  private final double amount;
  private final int points;
  private final FourierMultiplier kernel;

  /**
   * Creates a heat problem from explicit values.
   *
   * @param dimensions the number of axes, 1 or 2
   * @param size the grid points per axis, a power of two in [{@value #MIN_SIZE}, {@value
   *     #MAX_SIZE}] with size<sup>dimensions</sup> ≤ {@value FourierMultiplier#MAX_POINTS}
   * @param amount the diffusion amount a = ν·T on the unit domain, finite and &gt; 0
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if a value is outside its range
   */
  public HeatEquation(int dimensions, int size, double amount) {
    this(
        Options.empty()
            .with(PARAMETER_DIMENSIONS, Integer.toString(dimensions))
            .with(PARAMETER_SIZE, Integer.toString(size))
            .with(PARAMETER_AMOUNT, Double.toString(amount))
            .resolve(PARAMETERS, OWNER));
  }

  private HeatEquation(Options resolved) {
    this(resolved, kernel(resolved));
  }

  private HeatEquation(Options resolved, FourierMultiplier kernel) {
    super(ID, resolved, kernel);
    this.dimensions = kernel.dimensions();
    this.size = kernel.size();
    this.amount = resolved.getDouble(PARAMETER_AMOUNT);
    this.points = kernel.points();
    this.kernel = kernel;
  }

  /** The multiplier exp(−4π²‖k‖²·a) of resolved parameters, after checking the grid. */
  private static FourierMultiplier kernel(Options resolved) {
    int dimensions = resolved.getInt(PARAMETER_DIMENSIONS);
    int size = resolved.getInt(PARAMETER_SIZE);
    FourierMultiplier.checkGrid(dimensions, size, MIN_SIZE);
    double exponent = -FOUR_PI_SQUARED * resolved.getDouble(PARAMETER_AMOUNT);
    return FourierMultiplier.radial(dimensions, size, k2 -> Math.exp(exponent * k2));
  }

  /**
   * Creates a heat problem from parameters given as text (command line, configuration file).
   *
   * @param options values for any of {@link #PARAMETERS}; missing ones take their defaults
   * @return the problem
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for an unknown key or an invalid value
   */
  public static HeatEquation create(Options options) {
    return new HeatEquation(options.resolve(PARAMETERS, OWNER));
  }

  /**
   * The number of axes d.
   *
   * @return 1 or 2
   */
  public int dimensions() {
    return dimensions;
  }

  /**
   * The grid points per axis N.
   *
   * @return N, a power of two
   */
  public int size() {
    return size;
  }

  /**
   * The diffusion amount a = ν·T on the unit domain.
   *
   * @return a, &gt; 0
   */
  public double amount() {
    return amount;
  }

  /**
   * The diffusion operator, the Fourier multiplier {@code K(k) = exp(−4π²‖k‖²·a)} (values in (0, 1],
   * K(0) = 1; values below about 10<sup>−308</sup> underflow to 0). This is P, and its matrix is J.
   *
   * @return the operator
   */
  public FourierMultiplier kernel() {
    return kernel;
  }

  /**
   * The analytic inverse, {@code analytic-heat} (division by K in Fourier space, regularised).
   *
   * @return {@code Optional.of("analytic-heat")}
   */
  @Override
  public Optional<String> preferredSolver() {
    return PREFERRED_SOLVER;
  }

  /**
   * False: every component of y* is a temperature of the same scale (values in [0, 10], most in [0,
   * 2]), so per-component standardisation would only distort the grid's spatial weighting.
   *
   * @return false
   */
  @Override
  public boolean recommendsInputStandardization() {
    return false;
  }

  @Override
  void drawSolution(SplittableRandom random, double[] out, int offset) {
    drawInitialState(random, out, offset);
  }

  /**
   * Draws one initial field x* (random soft rectangles, see the class comment) into {@code out[offset
   * .. offset + n)}, overwriting it. Package-private test hook.
   *
   * @return the number of rectangles drawn, in [{@value #MIN_RECTANGLES}, {@value #MAX_RECTANGLES}]
   */
  int drawInitialState(SplittableRandom random, double[] out, int offset) {
    Arrays.fill(out, offset, offset + points, 0);
    int count = MIN_RECTANGLES + random.nextInt(MAX_RECTANGLES - MIN_RECTANGLES + 1);
    for (int i = 0; i < count; i++) {
      double center0 = random.nextDouble(CENTER_MIN, CENTER_MAX);
      double center1 = dimensions == 2 ? random.nextDouble(CENTER_MIN, CENTER_MAX) : 0;
      double half0 = random.nextDouble(0, MAX_HALF_WIDTH);
      double half1 = dimensions == 2 ? random.nextDouble(0, MAX_HALF_WIDTH) : 0;
      double strength = random.nextDouble(0, MAX_STRENGTH);
      center0 = Math.min(Math.max(center0, half0), 1 - half0);
      center1 = Math.min(Math.max(center1, half1), 1 - half1);
      addRectangle(out, offset, center0 - half0, center0 + half0, center1 - half1, center1 + half1, strength);
    }
    return count;
  }

  /**
   * Adds {@code strength} times the cell-average of the indicator of [low0, high0] × [low1, high1]
   * (unit-domain coordinates; 1-D: the interval [low0, high0], the second pair is ignored).
   * Package-private test hook.
   */
  void addRectangle(
      double[] out, int offset, double low0, double high0, double low1, double high1, double strength) {
    if (dimensions == 1) {
      for (int c = 0; c < size; c++) {
        out[offset + c] += strength * coverage(c, low0, high0);
      }
      return;
    }
    for (int r = 0; r < size; r++) {
      double rowWeight = strength * coverage(r, low0, high0);
      if (rowWeight == 0) {
        continue;
      }
      int row = offset + r * size;
      for (int c = 0; c < size; c++) {
        out[row + c] += rowWeight * coverage(c, low1, high1);
      }
    }
  }

  /** The fraction of cell [i/N, (i+1)/N) covered by [low, high] (unit-domain coordinates). */
  private double coverage(int cell, double low, double high) {
    double overlap = Math.min(cell + 1, high * size) - Math.max(cell, low * size);
    return overlap > 0 ? overlap : 0;
  }
}
