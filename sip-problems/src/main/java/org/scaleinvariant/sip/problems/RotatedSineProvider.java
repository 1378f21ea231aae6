package org.scaleinvariant.sip.problems;

import java.util.List;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.ProblemProvider;
import org.scaleinvariant.sip.api.SipException;

/**
 * Publishes the {@link RotatedSine} problem under the id {@value RotatedSine#ID} (Holl, Koltun,
 * Thuerey, <i>Scale-invariant Learning by Physics Inversion</i>, NeurIPS 2022; the chapter's "SIP
 * training in action" section).
 *
 * <p>Found by {@link java.util.ServiceLoader} through {@code provides} in this module's descriptor
 * and through {@code META-INF/services} on the class path. Stateless and thread-safe.
 */
public final class RotatedSineProvider implements ProblemProvider {

  /** Creates the provider (public and without arguments, for {@link java.util.ServiceLoader}). */
  public RotatedSineProvider() {}

  /** {@inheritDoc} Always {@value RotatedSine#ID}. */
  @Override
  public String id() {
    return RotatedSine.ID;
  }

  /** {@inheritDoc} */
  @Override
  public String description() {
    return "rotated sine of Holl et al. (NeurIPS 2022): x̂ = R_φ·x (φ in degrees), "
        + "P = (sin(γ·x̂1/ξ), γξ·x̂2) (form=paper, default) or (sin(x̂1)/ξ, ξ·x̂2) (form=book, ignores gamma)";
  }

  /**
   * {@inheritDoc} These are {@link RotatedSine#PARAMETERS}: {@code xi} (default {@value
   * RotatedSine#DEFAULT_XI}), {@code phi} in degrees (default {@value
   * RotatedSine#DEFAULT_PHI_DEGREES}), {@code form} (default {@value RotatedSine#DEFAULT_FORM}) and
   * {@code gamma} (default {@value RotatedSine#DEFAULT_GAMMA}).
   */
  @Override
  public List<ParameterSpec> parameters() {
    return RotatedSine.PARAMETERS;
  }

  /**
   * Creates a {@link RotatedSine}.
   *
   * @param options values for any of {@link #parameters()}; missing ones take their defaults
   * @return the problem
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for unknown keys or invalid values
   */
  @Override
  public RotatedSine create(Options options) {
    return RotatedSine.create(options);
  }
}
