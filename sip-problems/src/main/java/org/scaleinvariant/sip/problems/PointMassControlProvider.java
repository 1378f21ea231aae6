package org.scaleinvariant.sip.problems;

import java.util.List;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.ProblemProvider;
import org.scaleinvariant.sip.api.SipException;

/**
 * Publishes the {@link PointMassControl} task under the id {@value PointMassControl#ID}: a
 * {@link org.scaleinvariant.sip.api.RolloutProblem}, trained in closed loop by the rollout trainer
 * and, as a plain {@link org.scaleinvariant.sip.api.Problem}, the open-loop map from the force
 * sequence to the final state.
 *
 * <p>Found by {@link java.util.ServiceLoader} through {@code provides} in this module's descriptor
 * and through {@code META-INF/services} on the class path. Stateless and thread-safe.
 */
public final class PointMassControlProvider implements ProblemProvider {

  /** Creates the provider (public and without arguments, for {@link java.util.ServiceLoader}). */
  public PointMassControlProvider() {}

  /** {@inheritDoc} Always {@value PointMassControl#ID}. */
  @Override
  public String id() {
    return PointMassControl.ID;
  }

  /** {@inheritDoc} */
  @Override
  public String description() {
    return "control over time: a 2-D point mass with quadratic drag (a = F − k·‖v‖·v) pushed by a force at"
        + " each of T steps to a goal position (and rest, stopAtGoal) at the end time; drag=0 is linear";
  }

  /** {@inheritDoc} These are {@link PointMassControl#PARAMETERS}. */
  @Override
  public List<ParameterSpec> parameters() {
    return PointMassControl.PARAMETERS;
  }

  /**
   * Creates a {@link PointMassControl}.
   *
   * @param options values for any of {@link #parameters()}; missing ones take their defaults
   * @return the problem
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for unknown keys or invalid values
   */
  @Override
  public PointMassControl create(Options options) {
    return PointMassControl.create(options);
  }
}
