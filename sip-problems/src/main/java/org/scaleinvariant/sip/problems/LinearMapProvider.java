package org.scaleinvariant.sip.problems;

import java.util.List;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.ProblemProvider;
import org.scaleinvariant.sip.api.SipException;

/**
 * Publishes the {@link LinearMap} problem {@code y = A·x} under the id {@value LinearMap#ID}.
 *
 * <p>Found by {@link java.util.ServiceLoader} through {@code provides} in this module's descriptor
 * and through {@code META-INF/services} on the class path. Stateless and thread-safe.
 */
public final class LinearMapProvider implements ProblemProvider {

  /** Creates the provider (public and without arguments, for {@link java.util.ServiceLoader}). */
  public LinearMapProvider() {}

  /** {@inheritDoc} Always {@value LinearMap#ID}. */
  @Override
  public String id() {
    return LinearMap.ID;
  }

  /** {@inheritDoc} */
  @Override
  public String description() {
    return "linear map y = A·x: A given (matrix=1,2;3,4) or generated m×n with condition number κ"
        + " (U·diag(σ)·Vᵀ, σ log-spaced 1 to 1/κ); targets A·x for x uniform in [-1,1]ⁿ";
  }

  /**
   * {@inheritDoc} These are {@link LinearMap#PARAMETERS}: {@code n} (default {@value
   * LinearMap#DEFAULT_N}), {@code m} (default {@value LinearMap#DEFAULT_M}), {@code condition}
   * (default {@value LinearMap#DEFAULT_CONDITION}), {@code matrixSeed} (default {@value
   * LinearMap#DEFAULT_MATRIX_SEED}) and {@code matrix} (no default).
   */
  @Override
  public List<ParameterSpec> parameters() {
    return LinearMap.PARAMETERS;
  }

  /**
   * Creates a {@link LinearMap}.
   *
   * @param options values for any of {@link #parameters()}; missing ones take their defaults
   * @return the problem
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for unknown keys or invalid values
   */
  @Override
  public LinearMap create(Options options) {
    return LinearMap.create(options);
  }
}
