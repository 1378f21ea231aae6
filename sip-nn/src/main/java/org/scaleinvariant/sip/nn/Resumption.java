package org.scaleinvariant.sip.nn;

import java.util.Arrays;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.api.SolverDiagnostics;

/** What {@link Trainer} and {@link RolloutTrainer} share when they put a run into a saved state. */
final class Resumption {
  private Resumption() {}

  /**
   * Checks that a saved state fits the run it is restored into.
   *
   * @param state the saved state
   * @param network the run's network
   * @param steps the run's configured steps
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if the parameter count differs, or the
   *     state's step is beyond the run (or an unfinished state at its last step)
   */
  static void requireFits(TrainingState state, DenseNetwork network, int steps) {
    if (state.parameters().length != network.parameterCount()) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          "saved state has " + state.parameters().length + " parameters; the network of this configuration has "
              + network.parameterCount() + " (sizes " + Arrays.toString(network.sizes()) + ")");
    }
    if (state.step() > steps || (!state.finished() && state.step() == steps)) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          "saved state at step " + state.step() + (state.finished() ? "" : " (unfinished)")
              + " is not allowed for a run of " + steps + " steps; allowed: an unfinished state before step "
              + steps + " or a finished one");
    }
  }

  /**
   * Sets a run's solver counters to saved ones.
   *
   * @param diagnostics the run's counters
   * @param samples solved samples
   * @param regularized regularized samples
   * @param clipped clipped samples
   * @param indefinite samples with an indefinite Hessian
   * @param failed failed samples
   */
  static void setDiagnostics(
      SolverDiagnostics diagnostics, long samples, long regularized, long clipped, long indefinite, long failed) {
    diagnostics.reset();
    diagnostics.addSamples(samples);
    diagnostics.addRegularized(regularized);
    diagnostics.addClipped(clipped);
    diagnostics.addIndefinite(indefinite);
    diagnostics.addFailed(failed);
  }
}
