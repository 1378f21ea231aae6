package org.scaleinvariant.sip.problems;

import java.util.List;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.ProblemProvider;
import org.scaleinvariant.sip.api.SipException;

/**
 * Publishes the {@link HeatCorrection} task under the id {@value HeatCorrection#ID}: a network
 * corrects a coarse heat-equation step at every step towards the fine solution (a {@link
 * org.scaleinvariant.sip.api.RolloutProblem}, trained by the rollout trainer).
 *
 * <p>Found by {@link java.util.ServiceLoader} through {@code provides} in this module's descriptor
 * and through {@code META-INF/services} on the class path. Stateless and thread-safe.
 */
public final class HeatCorrectionProvider implements ProblemProvider {

  /** Creates the provider (public and without arguments, for {@link java.util.ServiceLoader}). */
  public HeatCorrectionProvider() {}

  /** {@inheritDoc} Always {@value HeatCorrection#ID}. */
  @Override
  public String id() {
    return HeatCorrection.ID;
  }

  /** {@inheritDoc} */
  @Override
  public String description() {
    return "correction over time: a network corrects each explicit Euler step of the 1-D periodic heat equation"
        + " (stability number courant) towards the exact solution; targets hidden from the network";
  }

  /** {@inheritDoc} These are {@link HeatCorrection#PARAMETERS}. */
  @Override
  public List<ParameterSpec> parameters() {
    return HeatCorrection.PARAMETERS;
  }

  /**
   * Creates a {@link HeatCorrection}.
   *
   * @param options values for any of {@link #parameters()}; missing ones take their defaults
   * @return the problem
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for unknown keys or invalid values
   */
  @Override
  public HeatCorrection create(Options options) {
    return HeatCorrection.create(options);
  }
}
