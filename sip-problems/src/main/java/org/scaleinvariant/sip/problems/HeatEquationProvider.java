package org.scaleinvariant.sip.problems;

import java.util.List;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.ProblemProvider;
import org.scaleinvariant.sip.api.SipException;

/**
 * Publishes the {@link HeatEquation} under the id {@value HeatEquation#ID} (Holl, Koltun, Thuerey,
 * <i>Scale-invariant Learning by Physics Inversion</i>, NeurIPS 2022, "Heat equation").
 *
 * <p>Found by {@link java.util.ServiceLoader} through {@code provides} in this module's descriptor
 * and through {@code META-INF/services} on the class path. Stateless and thread-safe.
 */
public final class HeatEquationProvider implements ProblemProvider {

  /** Creates the provider (public and without arguments, for {@link java.util.ServiceLoader}). */
  public HeatEquationProvider() {}

  /** {@inheritDoc} Always {@value HeatEquation#ID}. */
  @Override
  public String id() {
    return HeatEquation.ID;
  }

  /** {@inheritDoc} */
  @Override
  public String description() {
    return "heat equation on a periodic 1-D or 2-D grid (Holl et al., NeurIPS 2022): "
        + "ŷ(k) = x̂(k)·exp(−4π²‖k‖²·amount); x* = 4 to 10 random soft rectangles";
  }

  /**
   * {@inheritDoc} These are {@link HeatEquation#PARAMETERS}: {@code dimensions} (default {@value
   * HeatEquation#DEFAULT_DIMENSIONS}), {@code size} (default {@value HeatEquation#DEFAULT_SIZE}) and
   * {@code amount} (default {@value HeatEquation#DEFAULT_AMOUNT}).
   */
  @Override
  public List<ParameterSpec> parameters() {
    return HeatEquation.PARAMETERS;
  }

  /**
   * Creates a {@link HeatEquation}.
   *
   * @param options values for any of {@link #parameters()}; missing ones take their defaults
   * @return the problem
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for unknown keys or invalid values
   */
  @Override
  public HeatEquation create(Options options) {
    return HeatEquation.create(options);
  }
}
