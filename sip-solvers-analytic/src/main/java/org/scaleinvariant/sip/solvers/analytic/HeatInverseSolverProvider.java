package org.scaleinvariant.sip.solvers.analytic;

import java.util.List;
import java.util.Objects;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.problems.FourierMultiplier;
import org.scaleinvariant.sip.problems.HeatEquation;

/**
 * Provides the analytic inverse of the {@link HeatEquation} under the id {@value #ID}: division by
 * the diffusion kernel in Fourier space, truncated where the kernel is too small to be inverted.
 *
 * <h2>The rule</h2>
 *
 * With {@code K(k) = exp(−4π²‖k‖²·a)} the problem's kernel and τ the {@value #PARAMETER_THRESHOLD}
 * parameter,
 *
 * <pre>
 *   Δx = F⁻¹[ R(k)·F(t − y) ],   R(k) = 1/K(k)  if K(k) ≥ τ·K(0),   R(k) = 0  otherwise
 * </pre>
 *
 * (K(0) = 1). Consequences:
 *
 * <ul>
 *   <li><b>Exact where the data resolves x:</b> at every frequency with K ≥ τ, {@code P(x + Δx)}
 *       matches t to rounding, so SIP's step with η = 1 is the true inverse there (for t = P(x')
 *       with x' − x inside that band, x + Δx = x').
 *   <li><b>Inert where it does not:</b> the components of x at frequencies with K &lt; τ are left
 *       unchanged (never amplified), so x + Δx is the point closest to x that matches t on the
 *       resolvable band: the pseudo-inverse of the truncated operator, i.e. the local inverse
 *       P⁻¹(t; x) of the chapter. The residual left there is at most {@code τ·|x̂' − x̂|} per
 *       frequency for t = P(x').
 *   <li><b>Bounded:</b> {@code ‖Δx‖₂ ≤ ‖t − y‖₂ / τ} (Parseval); 1/K is evaluated only where K ≥ τ,
 *       so nothing overflows at any grid size or amount (the published code had to clamp log K for
 *       that), and Δx is finite for every finite input short of about 10<sup>300</sup>·τ.
 *   <li><b>Linear, data-independent and scale-invariant:</b> the band depends only on K relative
 *       to K(0), so rescaling P and t leaves Δx unchanged; samples are independent.
 * </ul>
 *
 * <h2>Why this rule and this default</h2>
 *
 * The published experiment's inverse estimated, per frequency, the probability that the amplitude
 * of Δy = t − y is signal rather than noise of relative level 10<sup>−6</sup>·‖Δy‖, applied the full
 * 1/K to likely signal and damped likely noise by K. A fixed floor on K is the data-independent form
 * of that test: an x-difference with a flat spectrum shows above a 10<sup>−6</sup> noise level
 * exactly where K ≥ 10<sup>−6</sup>. A Tikhonov/Wiener filter {@code K/(K² + λ)} would also be
 * bounded, but it under-corrects every frequency by the factor {@code K²/(K² + λ)} (80% at K =
 * 2√λ), so P(x + Δx) ≠ t even where t determines x; the truncation is exact above the floor and
 * inert below it. The default τ = {@value #DEFAULT_THRESHOLD} (the published noise level) bounds the
 * amplification of rounding errors in y by 10<sup>6</sup>·ε ≈ 2·10<sup>−10</sup> of ‖Δy‖. A worked
 * number for the default amount a = 2<sup>−9</sup>: K ≥ 10<sup>−6</sup> ⟺ ‖k‖² ≤ 179, so 561 of
 * the 1024 frequencies of a 32×32 grid are inverted (the same 561 of 4096 at 64×64; 27 of 32 in
 * 1-D), and {@link org.scaleinvariant.sip.api.SolverDiagnostics#regularized()} grows by the 463
 * others per sample.
 *
 * <p>Stateless and thread-safe; has the public no-argument constructor {@link
 * java.util.ServiceLoader} needs.
 */
public final class HeatInverseSolverProvider implements InverseSolverProvider {

  /** The provider id, {@value}. */
  public static final String ID = "analytic-heat";

  /** Name of the relative kernel floor τ, {@value}. */
  public static final String PARAMETER_THRESHOLD = "threshold";

  /**
   * Default kernel floor τ = {@value}: frequencies damped by more than 10<sup>6</sup> are not
   * inverted (the published code's noise level; reasoning in the class comment).
   */
  public static final double DEFAULT_THRESHOLD = 1e-6;

  private static final List<ParameterSpec> PARAMETERS =
      List.of(
          ParameterSpec.number(
              PARAMETER_THRESHOLD,
              DEFAULT_THRESHOLD,
              0,
              true,
              1,
              "relative kernel floor τ: frequencies with K(k) >= τ·K(0) are inverted by 1/K, the others left unchanged "
                  + "(dimensionless; |Δx| <= |t − y|/τ)"));

  /** Creates the provider (public and without arguments, for {@link java.util.ServiceLoader}). */
  public HeatInverseSolverProvider() {}

  /** {@inheritDoc} Always {@value #ID}. */
  @Override
  public String id() {
    return ID;
  }

  /** {@inheritDoc} */
  @Override
  public String description() {
    return "analytic inverse of the heat equation: Δx = F⁻¹[F(t − y)/K] where K(k) >= threshold·K(0), "
        + "frequencies below the threshold left unchanged";
  }

  /**
   * The declared parameters: {@value #PARAMETER_THRESHOLD}, a number in (0, 1], default {@value
   * #DEFAULT_THRESHOLD}.
   *
   * @return the parameter specs, immutable
   */
  @Override
  public List<ParameterSpec> parameters() {
    return PARAMETERS;
  }

  /**
   * Whether the problem is a {@link HeatEquation} (1-D or 2-D, any size and amount).
   *
   * @param problem the problem
   * @return true for a heat problem
   */
  @Override
  public boolean supports(Problem problem) {
    return problem instanceof HeatEquation;
  }

  /**
   * Creates the solver for a heat problem.
   *
   * @param problem the heat problem
   * @param options the options; keys other than {@value #PARAMETER_THRESHOLD} are rejected
   * @return the solver
   * @throws SipException {@link ErrorCode#UNSUPPORTED} if the problem is not a {@link HeatEquation},
   *     {@link ErrorCode#INVALID_ARGUMENT} for an unknown key or a threshold outside (0, 1]
   */
  @Override
  public InverseSolver create(Problem problem, Options options) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(options, "options");
    if (!supports(problem)) {
      throw unsupported(ID, HeatEquation.ID, problem);
    }
    double threshold = options.resolve(PARAMETERS, "solver " + ID).getDouble(PARAMETER_THRESHOLD);
    FourierMultiplier kernel = ((HeatEquation) problem).kernel();
    FourierMultiplier inverse = regularizedInverse(kernel, threshold);
    return new SpectralInverseSolver(ID, problem, inverse, uninverted(kernel, threshold));
  }

  /**
   * The truncated inverse {@code R = 1/K where K ≥ τ·max K, else 0}.
   *
   * @param kernel the forward multiplier K, values ≥ 0
   * @param threshold τ in (0, 1]
   * @return R on the same grid; {@code max R ≤ 1/(τ·max K)}
   */
  static FourierMultiplier regularizedInverse(FourierMultiplier kernel, double threshold) {
    double floor = threshold * kernel.maxAbs();
    return kernel.map(k -> k >= floor ? 1 / k : 0);
  }

  /** The number of frequencies with K below the floor (not inverted). */
  static long uninverted(FourierMultiplier kernel, double threshold) {
    double floor = threshold * kernel.maxAbs();
    long count = 0;
    for (int i = 0; i < kernel.points(); i++) {
      if (!(kernel.value(i) >= floor)) {
        count++;
      }
    }
    return count;
  }

  /** The error for a problem of another kind. */
  static SipException unsupported(String solverId, String problemId, Problem problem) {
    return new SipException(
        ErrorCode.UNSUPPORTED,
        "solver "
            + solverId
            + " does not support problem '"
            + problem.id()
            + "' ("
            + problem.getClass().getName()
            + "); supported: the '"
            + problemId
            + "' problem of org.scaleinvariant.sip.problems");
  }
}
