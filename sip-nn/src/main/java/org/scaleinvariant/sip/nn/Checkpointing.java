package org.scaleinvariant.sip.nn;

import java.util.function.Consumer;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * When a {@link Trainer} hands out snapshots of a run's {@link TrainingState}, and to whom. The
 * trainer does no file I/O: the sink (e.g. the command line's checkpoint files) decides what to do
 * with a snapshot, on the training thread, before the next step starts.
 *
 * <p>A snapshot is handed out after step s when {@code everySteps > 0} and s is a multiple of it, or
 * when at least {@code intervalSeconds} of wall time passed since the previous snapshot (or the
 * start of this process's part of the run), whichever comes first; never after a step that
 * diverged or whose evaluation is not finite (so a sink never receives a NaN state). When the run
 * ends without diverging, the sink receives one more snapshot, the final state ({@link
 * TrainingState#finished()} true), also if neither limit is set. Between snapshots the trainer
 * allocates nothing for this; a snapshot copies θ, the optimizer state and the curve.
 *
 * <p>An exception thrown by the sink (a full disk) ends the run and reaches the caller of {@link
 * Trainer#train}.
 *
 * @param everySteps the step interval, or 0 for none
 * @param intervalSeconds the wall-time interval in seconds, {@code Double.POSITIVE_INFINITY} for none
 * @param sink receives the snapshots, or null for none ({@link #NONE})
 */
public record Checkpointing(int everySteps, double intervalSeconds, Consumer<TrainingState> sink) {
  /** No snapshots at all. */
  public static final Checkpointing NONE = new Checkpointing(0, Double.POSITIVE_INFINITY, null);

  /**
   * Checks the intervals.
   *
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for {@code everySteps < 0} or an
   *     interval that is not &gt; 0
   */
  public Checkpointing {
    if (everySteps < 0) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT, "checkpoint every " + everySteps + " steps is not allowed; allowed: an integer >= 1");
    }
    if (!(intervalSeconds > 0)) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          "checkpoint interval " + intervalSeconds + " s is not allowed; allowed: a number > 0 (seconds)");
    }
  }

  /**
   * Whether snapshots are handed out at all.
   *
   * @return true if there is a sink
   */
  public boolean active() {
    return sink != null;
  }

  /**
   * Whether a snapshot is due after a step.
   *
   * @param step the step just completed
   * @param nanosSinceLast wall time since the previous snapshot (or the start), in nanoseconds
   * @return true if due
   */
  public boolean isDue(int step, long nanosSinceLast) {
    return sink != null
        && ((everySteps > 0 && step % everySteps == 0) || nanosSinceLast >= intervalSeconds * 1e9);
  }
}
