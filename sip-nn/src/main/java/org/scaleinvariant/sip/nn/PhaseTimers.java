package org.scaleinvariant.sip.nn;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The Micrometer timers of one training run (DESIGN.md §6): one {@link Phase#TIMER_NAME} timer per
 * {@link Phase}, tagged {@code phase} and {@code run}, one {@link Phase#ITERATION_TIMER_NAME} timer
 * tagged {@code run}, and the run's total nanoseconds per phase (kept in the checkpoint so a resumed
 * run reports the same per-phase means). Shared by {@link Trainer} and {@link RolloutTrainer}.
 *
 * <p>Not thread-safe: one run, one thread. Recording does not allocate.
 */
final class PhaseTimers {

  private final Timer[] phaseTimers = new Timer[Phase.values().length];
  private final long[] phaseNanos = new long[Phase.values().length];
  private final Timer iterationTimer;

  /**
   * Registers the timers of a run.
   *
   * @param registry the registry the timers are registered in
   * @param run the run's name, the {@code run} tag
   * @param phaseDescription the description of the phase timers (what one record is: a call or an
   *     iteration's total)
   */
  PhaseTimers(MeterRegistry registry, String run, String phaseDescription) {
    for (Phase phase : Phase.values()) {
      phaseTimers[phase.ordinal()] =
          Timer.builder(Phase.TIMER_NAME)
              .description(phaseDescription)
              .tag("phase", phase.tag())
              .tag("run", run)
              .register(registry);
    }
    iterationTimer =
        Timer.builder(Phase.ITERATION_TIMER_NAME)
            .description("time of one training iteration")
            .tag("run", run)
            .register(registry);
  }

  /**
   * Records one time of a phase in its timer and adds it to the phase's total.
   *
   * @param phase the phase
   * @param nanos the time, in nanoseconds
   */
  void record(Phase phase, long nanos) {
    phaseTimers[phase.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
    phaseNanos[phase.ordinal()] += nanos;
  }

  /**
   * Records the time of one whole iteration.
   *
   * @param nanos the time, in nanoseconds
   */
  void recordIteration(long nanos) {
    iterationTimer.record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * The run's total nanoseconds per phase, indexed by {@link Phase#ordinal()}; the live array (a
   * checkpoint copies it).
   *
   * @return the totals, length {@code Phase.values().length}
   */
  long[] totals() {
    return phaseNanos;
  }

  /**
   * Sets the totals from a checkpoint.
   *
   * @param totals the totals, indexed by {@link Phase#ordinal()}, length {@code
   *     Phase.values().length}
   */
  void restoreTotals(long[] totals) {
    System.arraycopy(totals, 0, phaseNanos, 0, phaseNanos.length);
  }

  /**
   * The mean milliseconds per iteration of each phase the method uses, in {@link Phase} order.
   *
   * @param completed the iterations completed; 0 gives 0.0 for every phase
   * @param uses whether the method has a phase
   * @return phase tag to ms per iteration
   */
  Map<String, Double> millisPerIteration(int completed, Predicate<Phase> uses) {
    Map<String, Double> phases = new LinkedHashMap<>();
    for (Phase phase : Phase.values()) {
      if (uses.test(phase)) {
        phases.put(phase.tag(), completed == 0 ? 0.0 : phaseNanos[phase.ordinal()] / 1e6 / completed);
      }
    }
    return phases;
  }

  /**
   * The last curve point that passes {@code finite}, or the first point if none does (the curve
   * always starts with the evaluation at step 0).
   *
   * @param curve the evaluations so far, at least one
   * @param finite whether a point's metrics are finite
   * @return the point to report
   */
  static CurvePoint lastFinite(List<CurvePoint> curve, Predicate<CurvePoint> finite) {
    for (int i = curve.size() - 1; i >= 0; i--) {
      if (finite.test(curve.get(i))) {
        return curve.get(i);
      }
    }
    return curve.get(0);
  }
}
