package org.scaleinvariant.sip.app;

import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;
import picocli.CommandLine.Option;

/**
 * The checkpoint options of {@code sip train}: how often the complete training state is saved to
 * the run's {@code --out} folder (see {@link org.scaleinvariant.sip.app.store.CheckpointStore}).
 */
final class CheckpointOptions {
  @Option(
      names = "--checkpoint-every",
      paramLabel = "N",
      description =
          "Save the complete training state to --out DIR every N steps (checkpoint.bin, the one before"
              + " as checkpoint.prev.bin), so 'sip resume DIR' continues a killed run. With --out the"
              + " final state is always saved. Default: none.")
  String every;

  @Option(
      names = "--checkpoint-interval",
      paramLabel = "SECONDS",
      description = "Save the training state every SECONDS of wall time (also with --checkpoint-every:"
          + " whichever comes first). Default: none.")
  String interval;

  /**
   * The step interval.
   *
   * @return N ≥ 1, or 0 if not given
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for a value that is not an integer ≥ 1
   */
  int everySteps() {
    return every == null ? 0 : TrainingOptions.integer("--checkpoint-every", every, 1);
  }

  /**
   * The wall-time interval.
   *
   * @return seconds &gt; 0, or infinity if not given
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for a value that is not a finite number
   *     &gt; 0
   */
  double intervalSeconds() {
    return interval == null ? Double.POSITIVE_INFINITY : TrainingOptions.positive("--checkpoint-interval", interval);
  }

  /**
   * Checks that the options are valid and that an output folder is given if they are.
   *
   * @param hasOut whether {@code --out} was given
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} otherwise
   */
  void check(boolean hasOut) {
    everySteps();
    intervalSeconds();
    if (!hasOut && (every != null || interval != null)) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          (every != null ? "--checkpoint-every" : "--checkpoint-interval")
              + " needs --out DIR; allowed: with --out DIR, the folder the checkpoints go to");
    }
  }
}
