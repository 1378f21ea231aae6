package org.scaleinvariant.sip.problems;

import java.util.List;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.ProblemProvider;
import org.scaleinvariant.sip.api.SipException;

/**
 * Publishes the {@link PoissonEquation} under the id {@value PoissonEquation#ID} (Holl, Koltun,
 * Thuerey, <i>Scale-invariant Learning by Physics Inversion</i>, NeurIPS 2022, "Poisson's
 * equation").
 *
 * <p>Found by {@link java.util.ServiceLoader} through {@code provides} in this module's descriptor
 * and through {@code META-INF/services} on the class path. Stateless and thread-safe.
 */
public final class PoissonEquationProvider implements ProblemProvider {

  /** Creates the provider (public and without arguments, for {@link java.util.ServiceLoader}). */
  public PoissonEquationProvider() {}

  /** {@inheritDoc} Always {@value PoissonEquation#ID}. */
  @Override
  public String id() {
    return PoissonEquation.ID;
  }

  /** {@inheritDoc} */
  @Override
  public String description() {
    return "Poisson equation ∇²y = x on a periodic 2-D grid (Holl et al., NeurIPS 2022), zero-mean fields: "
        + "ŷ(k) = −x̂(k)/(4π²‖k‖²); x* = smooth Gaussian random fields";
  }

  /**
   * {@inheritDoc} These are {@link PoissonEquation#PARAMETERS}: {@code size} (default {@value
   * PoissonEquation#DEFAULT_SIZE}).
   */
  @Override
  public List<ParameterSpec> parameters() {
    return PoissonEquation.PARAMETERS;
  }

  /**
   * Creates a {@link PoissonEquation}.
   *
   * @param options values for any of {@link #parameters()}; missing ones take their defaults
   * @return the problem
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for unknown keys or invalid values
   */
  @Override
  public PoissonEquation create(Options options) {
    return PoissonEquation.create(options);
  }
}
