package org.scaleinvariant.sip.problems;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.scaleinvariant.sip.api.Checks;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.ExactSolutions;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;

/**
 * The Poisson equation on a periodic 2-D grid, the "Poisson's equation" experiment of Holl, Koltun
 * and Thuerey, <i>Scale-invariant Learning by Physics Inversion</i>, NeurIPS 2022 (arXiv
 * 2109.15048): x is a source (charge) field, y the potential with {@code ∇²y = x}, and a network
 * learns x from y, i.e. learns to apply the Laplacian.
 *
 * <h2>Formula</h2>
 *
 * On the periodic unit square [0, 1)², solved spectrally with the discrete Fourier transform of
 * {@link FourierMultiplier} (k in <b>cycles per domain length</b>, k_a ∈ [−N/2, N/2)):
 *
 * <pre>
 *   ŷ(k) = −x̂(k) / (4π²‖k‖²)   for k ≠ 0,      ŷ(0) = 0.
 * </pre>
 *
 * x and y are N×N grids (N = {@code size}, point i the cell [i/N, (i+1)/N) per axis), flattened
 * row-major: n = m = N². A single mode {@code sin(2π·k·r)} maps to {@code −sin(2π·k·r)/(4π²‖k‖²)}.
 *
 * <h2>Zero-mean convention</h2>
 *
 * On a periodic domain {@code ∇²y = x} has a solution only if x has zero mean, and then y only up
 * to a constant, so fields are zero-mean: P <b>projects out the mean of x</b> ({@code P(x + c) = P(x)}, and y always
 * has zero mean), and a target y* with a non-zero mean is unreachable (its mean is the part outside
 * the range of P). The solution set of y* is {@code {∇²y* + c·1 : c ∈ R}}: the mean of x is the one
 * direction the physics cannot see. Accordingly {@link #exactSolutions()} is present, and the
 * x-space metric compares a prediction x with its closest exact solution {@code ∇²y* + mean(x)},
 * i.e. it measures the zero-mean part of x against the ground truth and ignores x's (unobservable)
 * mean. Drawn ground truths x* have zero mean.
 *
 * <p>P is well-posed apart from the mean but strongly rescales: the eigenvalues 1/(4π²‖k‖²) run
 * from 0.025 (‖k‖ = 1) down to 4.9·10<sup>−5</sup> at the corner (16, 16) of a 32×32 grid's
 * spectrum (a condition number of 2·N²/4 = 512 at N = 32, 2048 at N = 64), which is what makes
 * gradient-based training slow and the inverse, the Laplacian, a scale-invariant update.
 *
 * <h2>Data: x from smooth Gaussian random fields</h2>
 *
 * With the spectrum of the published experiment's {@code Noise()} (scale 10 on 64 unit cells,
 * smoothness 1), per sample: n standard normals (the generator's {@code nextGaussian()}, row-major),
 * filtered in Fourier space by the amplitude spectrum {@code w(k) = 1/‖k‖²} for {@code ‖k‖² > }{@value
 * #NOISE_MIN_SQUARED_WAVENUMBER} and 0 otherwise (so the power spectrum falls as ‖k‖<sup>−4</sup> and
 * the mean and the largest-scale modes ‖k‖ ≤ 2 are absent), then shifted to mean 0 and scaled to
 * standard deviation 1 over the grid (population standard deviation). y* = P(x*).
 *
 * <h2>Layout and contract</h2>
 *
 * Batch-first, row-major arrays as in {@link Problem}. J is the constant symmetric circulant matrix
 * of {@link #solutionOperator()}; {@link #jacobian} writes it densely (required by the SPI; n²
 * entries, meant for small grids), {@link #vectorJacobianProduct} applies {@code Jᵀ = J} as a
 * Fourier multiplier, {@link #weightedOutputHessian} writes zeros (P is linear). Batch methods check
 * shapes ({@link ErrorCode#SHAPE_MISMATCH}), do not check for NaN and allocate nothing (per-thread FFT
 * workspaces). Instances are immutable and thread-safe.
 */
public final class PoissonEquation extends PeriodicGridProblem {

  /** The problem id, {@value}. */
  public static final String ID = "poisson";

  /** Name of the grid-size parameter (points per axis, a power of two), {@value}. */
  public static final String PARAMETER_SIZE = "size";

  /** Default points per axis, {@value} (the published experiment used 64). */
  public static final int DEFAULT_SIZE = 32;

  /** Smallest grid size per axis, {@value}. */
  public static final int MIN_SIZE = 8;

  /** Largest grid size per axis, {@value} (n = 16384 points). */
  public static final int MAX_SIZE = 128;

  /**
   * The random fields x* have no Fourier modes with {@code ‖k‖² ≤ }{@value}: the published {@code
   * Noise()} drops frequencies below 0.1 in its units, which on the 64-cell domain with scale 10 is
   * ‖k‖² ≤ 4.096.
   */
  public static final int NOISE_MIN_SQUARED_WAVENUMBER = 4;

  /**
   * The declared parameters: {@code size} (a power of two in [{@value #MIN_SIZE}, {@value
   * #MAX_SIZE}], default {@value #DEFAULT_SIZE}). Unmodifiable.
   */
  public static final List<ParameterSpec> PARAMETERS =
      List.of(
          ParameterSpec.integer(
              PARAMETER_SIZE,
              DEFAULT_SIZE,
              MIN_SIZE,
              MAX_SIZE,
              "grid points per axis of the periodic 2-D grid, a power of two; the published experiment used 64"));

  private static final String OWNER = "problem " + ID;
  private static final Optional<String> PREFERRED_SOLVER = Optional.of("analytic-poisson");
  private static final double FOUR_PI_SQUARED = 4 * Math.PI * Math.PI;

  private final int size;
  private final int points;
  private final FourierMultiplier solution;
  private final FourierMultiplier laplacian;
  private final FourierMultiplier noiseFilter;
  private final Optional<ExactSolutions> exactSolutions;

  /**
   * Creates a Poisson problem on an N×N grid.
   *
   * @param size the grid points per axis N, a power of two in [{@value #MIN_SIZE}, {@value
   *     #MAX_SIZE}]
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if the size is not allowed
   */
  public PoissonEquation(int size) {
    this(Options.empty().with(PARAMETER_SIZE, Integer.toString(size)).resolve(PARAMETERS, OWNER));
  }

  private PoissonEquation(Options resolved) {
    this(resolved, solution(resolved.getInt(PARAMETER_SIZE)));
  }

  private PoissonEquation(Options resolved, FourierMultiplier solution) {
    super(ID, resolved, solution);
    this.size = solution.size();
    this.points = solution.points();
    this.solution = solution;
    this.laplacian = FourierMultiplier.radial(2, size, k2 -> -FOUR_PI_SQUARED * k2);
    this.noiseFilter =
        FourierMultiplier.radial(2, size, k2 -> k2 > NOISE_MIN_SQUARED_WAVENUMBER ? 1 / k2 : 0);
    this.exactSolutions = Optional.of(this::closestSolution);
  }

  /** The multiplier −1/(4π²‖k‖²) (0 at k = 0), after checking the grid. */
  private static FourierMultiplier solution(int size) {
    FourierMultiplier.checkGrid(2, size, MIN_SIZE);
    return FourierMultiplier.radial(2, size, k2 -> k2 == 0 ? 0 : -1 / (FOUR_PI_SQUARED * k2));
  }

  /**
   * Creates a Poisson problem from parameters given as text (command line, configuration file).
   *
   * @param options values for any of {@link #PARAMETERS}; missing ones take their defaults
   * @return the problem
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for an unknown key or an invalid value
   */
  public static PoissonEquation create(Options options) {
    return new PoissonEquation(options.resolve(PARAMETERS, OWNER));
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
   * The solution operator P, the Fourier multiplier {@code −1/(4π²‖k‖²)} (0 at k = 0); its matrix
   * is J.
   *
   * @return the operator
   */
  public FourierMultiplier solutionOperator() {
    return solution;
  }

  /**
   * The spectral Laplacian ∇², the Fourier multiplier {@code −4π²‖k‖²}: the inverse of P on
   * zero-mean fields ({@code P(∇²y) = y − mean(y)}, {@code ∇²(P(x)) = x − mean(x)}).
   *
   * @return the operator
   */
  public FourierMultiplier laplacian() {
    return laplacian;
  }

  /**
   * The exact solution sets {@code {∇²y* + c·1}}, whose closest point is computed by {@link
   * #closestSolution}.
   *
   * @return always present
   */
  @Override
  public Optional<ExactSolutions> exactSolutions() {
    return exactSolutions;
  }

  /**
   * Finds, per sample, the exact solution of {@code P(x) = y*} closest to x: {@code ∇²y* +
   * mean(x)·1}, where ∇² ignores the mean of y* (a target with a non-zero mean is first replaced by
   * the closest reachable one, y* − mean(y*), as {@link ExactSolutions} requires).
   *
   * @param x the points, shape [B, n]
   * @param yStar the targets, shape [B, n]
   * @param closest receives the closest exact solutions, shape [B, n]; may be the same array as
   *     {@code x} or {@code yStar}
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is shorter than its shape
   */
  public void closestSolution(double[] x, double[] yStar, double[] closest, int batch) {
    Checks.requireShape(x, "x", batch, points);
    Checks.requireShape(yStar, "yStar", batch, points);
    Checks.requireShape(closest, "closest", batch, points);
    for (int b = 0; b < batch; b++) {
      int offset = b * points;
      double mean = mean(x, offset);
      laplacian.apply(yStar, offset, closest, offset);
      for (int i = offset; i < offset + points; i++) {
        closest[i] += mean;
      }
    }
  }

  /**
   * The analytic inverse, {@code analytic-poisson} (the Laplacian of the target change).
   *
   * @return {@code Optional.of("analytic-poisson")}
   */
  @Override
  public Optional<String> preferredSolver() {
    return PREFERRED_SOLVER;
  }

  /**
   * True: the potentials are about 200 times smaller than the sources (standard deviation about
   * 0.004 at the default size, since the lowest mode present, ‖k‖² = 5, is divided by 4π²·5 ≈ 197),
   * so per-component standardisation brings the network's inputs to unit scale.
   *
   * @return true
   */
  @Override
  public boolean recommendsInputStandardization() {
    return true;
  }

  /**
   * Draws one zero-mean, unit-deviation source field x* into {@code out[offset .. offset + n)} (see
   * the class comment).
   */
  @Override
  void drawSolution(SplittableRandom random, double[] out, int offset) {
    for (int i = offset; i < offset + points; i++) {
      out[i] = random.nextGaussian();
    }
    noiseFilter.apply(out, offset, out, offset);
    double mean = mean(out, offset);
    double squares = 0;
    for (int i = offset; i < offset + points; i++) {
      double centered = out[i] - mean;
      out[i] = centered;
      squares += centered * centered;
    }
    double deviation = Math.sqrt(squares / points);
    if (deviation > 0) {
      for (int i = offset; i < offset + points; i++) {
        out[i] /= deviation;
      }
    }
  }

  private double mean(double[] values, int offset) {
    double sum = 0;
    for (int i = offset; i < offset + points; i++) {
      sum += values[i];
    }
    return sum / points;
  }
}
