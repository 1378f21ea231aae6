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
import org.scaleinvariant.sip.problems.PoissonEquation;

/**
 * Provides the analytic inverse of the {@link PoissonEquation} under the id {@value #ID}: the
 * Laplacian of the target change,
 *
 * <pre>
 *   Δx = ∇²(t − y),   computed spectrally: Δx̂(k) = −4π²‖k‖²·(t̂ − ŷ)(k),   Δx̂(0) = 0,
 * </pre>
 *
 * as the published experiment's SIP update ({@code x − ∇²(y − y*)}) does, with the spectral rather
 * than the five-point Laplacian so that it inverts this problem's spectral P exactly. Since P is
 * linear and ∇²·P is the identity on zero-mean fields, {@code P(x + Δx) = y + (t − y) − mean(t − y)
 * = t − mean(t)}: exact (to rounding) for every zero-mean target, and for a target with a non-zero
 * mean it reaches its closest reachable point. Δx has zero mean, so x keeps its mean (the one
 * direction P cannot see): x + Δx is the exact solution closest to x.
 *
 * <p>No parameters: nothing is regularised. The step is scale-invariant and costs one forward and
 * one inverse FFT per sample. Stateless and thread-safe; has the public no-argument constructor
 * {@link java.util.ServiceLoader} needs.
 */
public final class PoissonInverseSolverProvider implements InverseSolverProvider {

  /** The provider id, {@value}. */
  public static final String ID = "analytic-poisson";

  /** Creates the provider (public and without arguments, for {@link java.util.ServiceLoader}). */
  public PoissonInverseSolverProvider() {}

  /** {@inheritDoc} Always {@value #ID}. */
  @Override
  public String id() {
    return ID;
  }

  /** {@inheritDoc} */
  @Override
  public String description() {
    return "analytic inverse of the Poisson equation: Δx = ∇²(t − y), spectral Laplacian, zero mean";
  }

  /**
   * None.
   *
   * @return an empty list
   */
  @Override
  public List<ParameterSpec> parameters() {
    return List.of();
  }

  /**
   * Whether the problem is a {@link PoissonEquation} (any size).
   *
   * @param problem the problem
   * @return true for a Poisson problem
   */
  @Override
  public boolean supports(Problem problem) {
    return problem instanceof PoissonEquation;
  }

  /**
   * Creates the solver for a Poisson problem.
   *
   * @param problem the Poisson problem
   * @param options must be empty (no parameters are declared)
   * @return the solver
   * @throws SipException {@link ErrorCode#UNSUPPORTED} if the problem is not a {@link
   *     PoissonEquation}, {@link ErrorCode#INVALID_ARGUMENT} for any option key
   */
  @Override
  public InverseSolver create(Problem problem, Options options) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(options, "options");
    if (!supports(problem)) {
      throw HeatInverseSolverProvider.unsupported(ID, PoissonEquation.ID, problem);
    }
    options.resolve(parameters(), "solver " + ID);
    return new SpectralInverseSolver(ID, problem, ((PoissonEquation) problem).laplacian(), 0);
  }
}
