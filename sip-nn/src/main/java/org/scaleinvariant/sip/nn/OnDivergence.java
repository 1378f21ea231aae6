package org.scaleinvariant.sip.nn;

import java.util.Locale;

/**
 * What a run does when a training step produces NaN or infinite values (network output, y-loss,
 * solver step, gradient or parameters).
 */
public enum OnDivergence {
  /** Stop the run; the result is marked diverged and names the step and phase (the default). */
  STOP,
  /**
   * Drop the offending batch: restore θ, the optimizer state and the solver counters from before
   * the step and go on with the next batch; the result counts the dropped batches. After {@value
   * Trainer#MAX_CONSECUTIVE_SKIPS} dropped batches in a row the run stops as with {@link #STOP}.
   * Costs one copy of θ and the optimizer state per step.
   */
  SKIP_BATCH;

  /**
   * The name used on the command line and in saved configurations.
   *
   * @return {@code "stop"} or {@code "skip-batch"}
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The policy of a command-line name.
   *
   * @param id {@code "stop"} or {@code "skip-batch"}, case-insensitive
   * @return the policy
   * @throws IllegalArgumentException for another name
   */
  public static OnDivergence of(String id) {
    return valueOf(id.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
